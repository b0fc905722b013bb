import { randomBytes } from 'node:crypto';
import { renameSync } from 'node:fs';
import type { Command } from 'commander';
import { keyBytes, nextKeyFile, parseSecretKey, readKeyFile, writeKeyFile } from '../store/secret-key.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { readSecrets } from './read-secrets.ts';

/**
 * `rotate-key` (PRODUCT.md 4.3): re-encrypts the stored vendor keys under a new key. With a key file, the new key is
 * written beside it first and moved over it once the database is re-encrypted, so a crash at any point leaves a key
 * that opens the database (the next start finishes the move). With STAFFSYNC_SECRET, the new secret is read from
 * stdin, and the operator sets it before the next start.
 */
export function registerKeyCommands(program: Command, context: CliContext): void {
  program
    .command('rotate-key')
    .description(
      're-encrypt the stored vendor keys under a new key (key file: replaced; STAFFSYNC_SECRET: the new one is read from stdin); restart a running server afterwards',
    )
    .action(async () => {
      const { store } = await context.deps();
      const keyFile = store.keyFile;
      if (keyFile === null) {
        const [text] = await readSecrets(context.io.stdin, context.io.stderr, ['New STAFFSYNC_SECRET']);
        if (!text) throw new CliError('rotate-key with STAFFSYNC_SECRET reads the new secret from stdin');
        const newKey = parseSecretKey(text, 'the new STAFFSYNC_SECRET');
        if (
          context.settings.secret !== null &&
          newKey.equals(parseSecretKey(context.settings.secret, 'STAFFSYNC_SECRET'))
        ) {
          throw new CliError('the new STAFFSYNC_SECRET is the key in use: give another one');
        }
        await store.rekey(newKey);
        context.out(
          'Re-encrypted under the new key. Set STAFFSYNC_SECRET to it before staffsync starts again.',
        );
        return;
      }
      const next = nextKeyFile(keyFile);
      if (!writeKeyFile(next, randomBytes(keyBytes), 'wx')) {
        throw new CliError(
          `${next} exists: another rotation is under way (or restart staffsync once to settle it)`,
        );
      }
      // The key used is read back from the file, so it is exactly the one on disk.
      await store.rekey(readKeyFile(next));
      renameSync(next, keyFile);
      context.out(
        `Re-encrypted under a new key, now in ${keyFile}; the old key opens nothing. Restart a running server.`,
      );
    });
}
