import { apiErrorSchema } from '@staffsync/shared';
import { z } from 'zod';

/** Every route but /api/health and /api/openapi.json needs a bearer token (PRODUCT.md 4.3); route-guard.ts. */
export const bearerSecurity = [{ bearerAuth: [] }];

export function jsonBody<T extends z.ZodType>(schema: T, description: string) {
  return { required: true, description, content: { 'application/json': { schema } } } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

const errorDescriptions = {
  400: 'The request failed its schema; `field` names the field',
  401: 'No bearer token, or an unknown, revoked or expired one',
  403: "The token's role does not allow this route; `requiredRole` names the role it needs",
  404: 'No such connection, run or user',
  409: 'The connection is disconnected, or a run is under way',
  429: 'Too many requests with this token; see Retry-After',
  502: 'Staffology or ExpenseIn failed or refused',
  503: 'No worker started the run in time (PostgreSQL): the run stays queued for the next worker',
} as const;

export type ErrorStatus = keyof typeof errorDescriptions;

/** The error responses a route can give, each with the shared error body. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, jsonResponse(apiErrorSchema, errorDescriptions[status])]),
  ) as Record<S, ReturnType<typeof jsonResponse<typeof apiErrorSchema>>>;
}

const id = (description: string) => z.coerce.number().int().positive().describe(description);

export const connectionParams = z.object({ id: id('The connection id') });
export const runParams = z.object({ runId: id('The run id') });
