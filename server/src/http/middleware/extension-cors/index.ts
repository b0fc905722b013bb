import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/** PRODUCT.md 4.3: CORS only for the extension's origins. */
export const defaultCorsOrigins: readonly string[] = ['chrome-extension://*'];

export interface ExtensionCorsOptions {
  /** Allowed origins; `*` stands for any run of characters (`chrome-extension://*`). */
  origins: readonly string[];
}

/**
 * Answers CORS for the listed origins only; any other origin gets no `Access-Control-Allow-Origin`, so a browser
 * keeps web pages (the ExpenseIn app included) from reading the API directly. The extension's background worker
 * needs no CORS at all (toolchain.md 6); an extension page calling the API does.
 */
export function extensionCors(options: ExtensionCorsOptions): MiddlewareHandler {
  const patterns = options.origins.map(originPattern);
  const handler = cors({
    origin: (origin) => (patterns.some((pattern) => pattern.test(origin)) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type'],
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
  });
  return async function extensionCors(c, next) {
    return handler(c, next);
  };
}

function originPattern(origin: string): RegExp {
  const escaped = origin
    .trim()
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${escaped}$`, 'i');
}
