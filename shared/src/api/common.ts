import { z } from 'zod';

/**
 * Every error the HTTP API returns: `field` names the bad request field (400), `requiredRole` the role a route needs
 * (403), PRODUCT.md 4.3. `account_changed` (409): new keys would move a connection to another account. `unavailable`
 * (503): with PostgreSQL, no worker started the run asked for (none is running, or all are busy); it stays queued.
 */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum([
      'bad_request',
      'unauthorized',
      'forbidden',
      'not_found',
      'conflict',
      'account_changed',
      'payload_too_large',
      'rate_limited',
      'vendor_error',
      'internal',
      'unavailable',
    ]),
    message: z.string(),
    field: z.string().optional(),
    requiredRole: z.enum(['viewer', 'operator', 'owner']).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export const pageInfoSchema = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const timestampSchema = z.string().describe('ISO 8601 timestamp (UTC)');

export const healthSchema = z.object({ ok: z.literal(true), version: z.string(), time: timestampSchema });
export type Health = z.infer<typeof healthSchema>;
