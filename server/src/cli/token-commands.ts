import type { Command } from 'commander';
import type { CliContext } from './cli-context.ts';
import { formatTable } from './format-table.ts';

/** `token create NAME`, `token revoke ID|NAME`, `token list`: bearer tokens for the HTTP API (PRODUCT.md 4.3). */
export function registerTokenCommands(program: Command, context: CliContext): void {
  const token = program.command('token').description('HTTP API tokens (stored hashed)');
  token
    .command('create')
    .argument('<name>', 'what the token is for, e.g. "extension alice"')
    .description('create a token and print it once: it cannot be shown again')
    .action((name: string) => {
      const { store } = context.deps();
      const created = store.tokens.create(name);
      context.out(created.token);
      context.err(
        `Token ${created.record.id} "${created.record.name}" created. Copy it now: only its hash is kept.`,
      );
    });
  token
    .command('revoke')
    .argument('<idOrName>', 'the token id or the name of an active token')
    .description('revoke a token')
    .action((idOrName: string) => {
      const { store } = context.deps();
      const revoked = store.tokens.revoke(/^\d+$/.test(idOrName) ? Number(idOrName) : idOrName);
      context.out(`Revoked token ${revoked.id} "${revoked.name}".`);
    });
  token
    .command('list')
    .description('list tokens (never the tokens themselves)')
    .action(() => {
      const { store } = context.deps();
      const rows = store.tokens
        .list()
        .map((t) => [t.id, t.name, t.createdAt, t.lastUsedAt ?? '-', t.revokedAt ?? '-']);
      context.out(
        rows.length === 0
          ? 'No tokens.'
          : formatTable(['id', 'name', 'created', 'last used', 'revoked'], rows),
      );
    });
}
