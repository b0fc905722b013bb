import { z } from 'zod';

/** A page of a list: `pageNum` is zero-based (the spec: "Zero-based page number, used in conjunction with pageSize"). */
export interface Paging {
  pageNum: number;
  pageSize: number;
}

export type PagingResult = { ok: true; paging: Paging | null } | { ok: false; message: string };

const INT32_MAX = 2_147_483_647;

/** The spec types both as int32 query parameters; ASP.NET rejects what does not bind to one with 400. */
const int32 = (name: string, min: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(
      z.number().int().min(min, `${name} must be at least ${min}`).max(INT32_MAX, `${name} is too large`),
    );

const pagingSchema = z.object({
  pageNum: int32('pageNum', 0).optional(),
  pageSize: int32('pageSize', 1).optional(),
});

/**
 * Reads `pageNum` and `pageSize`. Neither: the whole list (null). `pageSize` alone: page 0. `pageNum` alone is
 * refused: no default page size is documented (staffology-api.md, "Paging and list shape"), so guessing one would
 * hide a client bug.
 */
export function parsePaging(query: {
  pageNum?: string | undefined;
  pageSize?: string | undefined;
}): PagingResult {
  const parsed = pagingSchema.safeParse({ pageNum: query.pageNum, pageSize: query.pageSize });
  if (!parsed.success) {
    return { ok: false, message: parsed.error.issues.map((issue) => issue.message).join('; ') };
  }
  const { pageNum, pageSize } = parsed.data;
  if (pageSize === undefined) {
    return pageNum === undefined
      ? { ok: true, paging: null }
      : { ok: false, message: 'pageNum needs pageSize' };
  }
  return { ok: true, paging: { pageNum: pageNum ?? 0, pageSize } };
}

/** One page of a list in its stable order; a page shorter than `pageSize` is the last. */
export function pageOf<T>(items: readonly T[], paging: Paging | null): T[] {
  if (paging === null) return [...items];
  const start = paging.pageNum * paging.pageSize;
  return items.slice(start, start + paging.pageSize);
}
