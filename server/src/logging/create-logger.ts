import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from '../config/parse-env.ts';
import { redact, redactDeep } from '../security/redact.ts';

export type { Logger } from 'pino';

/**
 * Paths whose values never reach a log line (PRODUCT.md 4.2: API keys and bank details are never logged). Log calls
 * should not pass these in the first place; this is the net under them. pino's `*` matches one level, so the common
 * depths are listed.
 */
export const redactedPaths = [
  'apiKey',
  '*.apiKey',
  '*.*.apiKey',
  'staffologyApiKey',
  'expenseinApiKey',
  '*.staffologyApiKey',
  '*.expenseinApiKey',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'bankDetails',
  '*.bankDetails',
  '*.*.bankDetails',
  'bank',
  '*.bank',
  '*.*.bank',
  // Write bodies carry bank details in clear (sync-model.ts, UserWrite): never logged, whatever they hold.
  'write',
  '*.write',
  'body',
  '*.body',
];

/**
 * A pino logger on stderr: stdout belongs to the CLI's `--json` output (PRODUCT.md 4.1), so nothing else may
 * write there. `destination` lets tests capture the lines. Besides the paths above, every string of a line (its
 * message and fields) goes through `redact`, so an account number inside an error text never reaches the log.
 */
export function createLogger(options: { level: LogLevel; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { name: 'staffsync' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? redact(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}
