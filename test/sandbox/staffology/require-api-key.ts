import type { MiddlewareHandler } from 'hono';

/**
 * Staffology's auth: HTTP Basic, "If you have an API Key then enter is as the password. The username can be
 * anything you like." (securitySchemes.Basic in the OpenAPI document). Missing or wrong credentials get 401.
 */
export function requireApiKey(acceptedKeys: () => readonly string[]): MiddlewareHandler {
  return async function requireApiKeyMiddleware(c, next) {
    const password = basicPassword(c.req.header('authorization'));
    if (!password || !acceptedKeys().includes(password)) {
      return c.json({ message: 'Unauthorized: use HTTP Basic auth with your API key as the password' }, 401, {
        'WWW-Authenticate': 'Basic realm="Staffology"',
      });
    }
    await next();
  };
}

/** The password of a `Basic` Authorization header, or null when there is none or it is not Basic. */
export function basicPassword(header: string | undefined): string | null {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : decoded.slice(colon + 1);
}
