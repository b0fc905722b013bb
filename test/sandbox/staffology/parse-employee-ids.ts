import { z } from 'zod';

/**
 * At most this many ids per batch read. Staffology's document sets no `maxItems` on the body; the limit is the one
 * PRODUCT.md 3.1 builds the client on ("a JSON array of at most 100 employee ids"), so a client that sends more
 * learns it here rather than from the real API.
 */
export const MAX_IDS_PER_BATCH = 100;

/*
 * The request body of `POST /employers/{employerId}/employees/list` (FpsEmployeesEmployee): "List of Employee
 * Ids", an array of `format: uuid` strings. ASP.NET binds it to Guid[], so anything else fails the whole request
 * with 400, and GUIDs compare whatever their case.
 */
const idsSchema = z
  .array(z.guid('each employee id must be a GUID'), 'the body must be a JSON array of employee ids')
  .max(MAX_IDS_PER_BATCH, `at most ${MAX_IDS_PER_BATCH} employee ids per request`);

/** The distinct ids, lower-cased, in the order asked; or the reason the body is refused. */
export function parseEmployeeIds(
  body: unknown,
): { ok: true; ids: string[] } | { ok: false; message: string } {
  const parsed = idsSchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'invalid body' };
  return { ok: true, ids: [...new Set(parsed.data.map((id) => id.toLowerCase()))] };
}
