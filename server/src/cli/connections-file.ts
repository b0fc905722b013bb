import { connectionSettingsRequestSchema, connectRequestSchema } from '@staffsync/shared';
import { z } from 'zod';
import type { ConnectRequest } from '../run/change-connection.ts';
import { CliError } from './cli-error.ts';

/**
 * One connection of a `connect --from-file` file (README "Running for many accounts"): the API's connect request, its
 * caps included, with the leaver guard's settings as the settings request takes them. Keys are in the file (a file
 * the operator keeps 0600), never on the command line (PRODUCT.md 4.3). Strict: a misspelt field in a file is a
 * mistake to name, not something to drop.
 */
const entrySchema = z.strictObject({
  ...connectRequestSchema.shape,
  staffology: connectRequestSchema.shape.staffology.strict(),
  expensein: connectRequestSchema.shape.expensein.strict(),
  ...connectionSettingsRequestSchema.pick({ leaverGuardPercent: true, leaverGuardMin: true }).shape,
});

const fileSchema = z.array(z.unknown()).min(1, 'the file holds no connection');

/**
 * The connections a file lists, validated entry by entry: a bad entry is named by its place and name, with the field
 * and what is wrong (never the value: it may be a key). Nothing is connected unless every entry is valid.
 */
export function parseConnectionsFile(text: string): ConnectRequest[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`the file is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const list = fileSchema.safeParse(json);
  if (!list.success) throw new CliError('the file must hold a JSON list of connections, at least one');
  const problems: string[] = [];
  const connections = list.data.flatMap((raw, index) => {
    const parsed = entrySchema.safeParse(raw);
    if (parsed.success) {
      const { name, staffology, expensein, includeBankDetails, leaverGuardPercent, leaverGuardMin } =
        parsed.data;
      return [
        {
          name,
          staffology,
          expensein,
          settings: {
            includeBankDetails,
            ...(leaverGuardPercent === undefined ? {} : { leaverGuardPercent }),
            ...(leaverGuardMin === undefined ? {} : { leaverGuardMin }),
          },
          alertWebhookUrl: parsed.data.alertWebhookUrl ?? null,
          source: 'api' as const,
        },
      ];
    }
    const label = nameOf(raw);
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.') || '(the entry)';
      problems.push(`entry ${index + 1}${label ? ` ("${label}")` : ''}: ${field}: ${issue.message}`);
    }
    return [];
  });
  if (problems.length > 0) throw new CliError(`nothing was connected:\n${problems.join('\n')}`);
  return connections;
}

function nameOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('name' in raw)) return null;
  return typeof raw.name === 'string' ? raw.name : null;
}
