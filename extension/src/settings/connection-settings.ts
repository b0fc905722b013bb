import { withoutTrailingSlash } from '@staffsync/shared';
import { z } from 'zod';
import { storage } from '#imports';

/** Where `pnpm staffsync serve` listens by default (PRODUCT.md 4.1). */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

/**
 * Typed storage items (WXT). The token stays in `local`: `sync` would copy a secret to every browser the
 * administrator signs in to.
 */
export const serverUrlItem = storage.defineItem<string>('local:serverUrl', { fallback: DEFAULT_SERVER_URL });
export const apiTokenItem = storage.defineItem<string>('local:apiToken', { fallback: '' });

/** An http(s) origin plus optional base path, without a trailing slash. */
export const serverUrlSchema = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: 'Enter the server address, e.g. http://127.0.0.1:8787' }))
  .transform(withoutTrailingSlash);

export const apiTokenSchema = z.string().trim();

export interface ConnectionSettings {
  serverUrl: string;
  token: string;
}

export async function readConnectionSettings(): Promise<ConnectionSettings> {
  const [serverUrl, token] = await Promise.all([serverUrlItem.getValue(), apiTokenItem.getValue()]);
  return { serverUrl, token };
}

export async function saveConnectionSettings(settings: ConnectionSettings): Promise<void> {
  await Promise.all([
    serverUrlItem.setValue(serverUrlSchema.parse(settings.serverUrl)),
    apiTokenItem.setValue(apiTokenSchema.parse(settings.token)),
  ]);
}

/**
 * The match pattern that grants the background worker access to the server (an optional host permission): exactly
 * its origin, port included, since a pattern without a port would match every port of that host.
 */
export function originPattern(serverUrl: string): string {
  return `${new URL(serverUrl).origin}/*`;
}
