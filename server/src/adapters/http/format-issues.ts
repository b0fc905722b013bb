import type { z } from 'zod';

/**
 * A zod error as one line naming each bad field and what was expected. zod's messages name types, never the
 * input value, so no personal or bank data ends up in an invalid-record reason.
 */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(record)'}: ${issue.message}`)
    .concat(error.issues.length > 5 ? [`and ${error.issues.length - 5} more`] : [])
    .join('; ');
}
