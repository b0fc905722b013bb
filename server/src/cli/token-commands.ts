import { type TokenRole, tokenRoleSchema } from '@staffsync/shared';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { parseDuration } from '../config/parse-duration.ts';
import type { CliContext } from './cli-context.ts';
import { formatTable } from './format-table.ts';

const maxLifetimeMs = 3650 * 86_400_000;

/** `--expires 90d`, `12h`, `2w`... (parseDuration's durations), up to ten years. */
export function parseLifetime(value: string): number {
  const parsed = parseDuration(value);
  if (parsed === null || parsed <= 0) {
    throw new InvalidArgumentError(`expected a duration such as 90d, 12h or 2w, got "${value}"`);
  }
  if (parsed > maxLifetimeMs) throw new InvalidArgumentError(`at most 3650d, got "${value}"`);
  return parsed;
}

/**
 * `token create NAME [--role R] [--expires 90d]`, `token revoke ID|NAME`, `token list`: bearer tokens for the HTTP
 * API, each with a role and a lifetime (PRODUCT.md 4.3).
 */
export function registerTokenCommands(program: Command, context: CliContext): void {
  const token = program.command('token').description('HTTP API tokens (stored hashed)');
  token
    .command('create')
    .argument('<name>', 'what the token is for, e.g. "extension alice"')
    .addOption(
      new Option(
        '--role <role>',
        'viewer (reads), operator (+ sync, resync, held leavers), owner (+ connections, tokens)',
      )
        .choices(tokenRoleSchema.options)
        .default('operator'),
    )
    .option('--expires <duration>', 'lifetime, e.g. 90d, 12h, 2w (default 90d)', parseLifetime)
    .description('create a token and print it once: it cannot be shown again')
    .action(async (name: string, flags: { role: TokenRole; expires?: number }) => {
      const { store } = await context.deps();
      const created = await store.tokens.create(name, {
        role: flags.role,
        ...(flags.expires === undefined ? {} : { lifetimeMs: flags.expires }),
      });
      context.out(created.token);
      context.err(
        `Token ${created.record.id} "${created.record.name}" (${created.record.role}) created, expiring ${created.record.expiresAt}. Copy it now: only its hash is kept.`,
      );
    });
  token
    .command('revoke')
    .argument('<idOrName>', 'the token id or the name of an active token')
    .description('revoke a token')
    .action(async (idOrName: string) => {
      const { store } = await context.deps();
      const revoked = await store.tokens.revoke(/^\d+$/.test(idOrName) ? Number(idOrName) : idOrName);
      context.out(`Revoked token ${revoked.id} "${revoked.name}".`);
    });
  token
    .command('list')
    .description('list tokens with their roles and lifetimes (never the tokens themselves)')
    .action(async () => {
      const { store } = await context.deps();
      const rows = (await store.tokens.list()).map((t) => [
        t.id,
        t.name,
        t.role,
        t.createdAt,
        t.expiresAt ?? 'never',
        t.lastUsedAt ?? '-',
        t.revokedAt ?? '-',
      ]);
      context.out(
        rows.length === 0
          ? 'No tokens.'
          : formatTable(['id', 'name', 'role', 'created', 'expires', 'last used', 'revoked'], rows),
      );
    });
}
