import type { Command } from 'commander';
import { approveHeldLeavers } from '../run/approve-held-leavers.ts';
import { rejectHeldLeavers } from '../run/held-leaver-decisions.ts';
import { type CliContext, parseId } from './cli-context.ts';
import { exitCodeFor } from './exit-code.ts';
import { formatRunReport } from './format-run-report.ts';
import { formatTable } from './format-table.ts';

interface LeaverFlags {
  connection?: number;
  id?: number[];
  by?: string;
  list?: boolean;
}

const collectId = (value: string, previous: number[] = []) => [...previous, parseId(value)];

/** `approve-leavers` and `reject-leavers` (R17: leavers held by the leaver guard wait for a person). */
export function registerLeaverCommands(program: Command, context: CliContext): void {
  for (const decision of ['approve', 'reject'] as const) {
    program
      .command(`${decision}-leavers`)
      .description(
        decision === 'approve'
          ? 'apply the leavers the leaver guard held (R17), in a run of their own'
          : 'drop the leavers the leaver guard held (R17): nothing is written',
      )
      .option('--connection <id>', 'the connection', parseId)
      .option('--id <heldId>', 'only this held leaver (repeat for more; default all)', collectId)
      .option('--by <name>', 'who decides, kept with the decision', 'cli')
      .option('--list', 'only list the held leavers')
      .action(async (flags: LeaverFlags) => {
        const deps = await context.deps();
        const { connection } = await context.pickConnection(flags.connection);
        const pending = await deps.store.held.list(connection.id, { status: 'pending' });
        if (flags.list || pending.length === 0) {
          context.out(
            pending.length === 0
              ? 'No held leavers.'
              : formatTable(
                  ['id', 'run', 'employee', 'user', 'name', 'leave date'],
                  pending.map((h) => [h.id, h.runId, h.employeeNumber, h.userId, h.subjectName, h.leaveDate]),
                ),
          );
          return;
        }
        const by = flags.by ?? 'cli';
        if (decision === 'reject') {
          const decided = await rejectHeldLeavers(deps.store, connection.id, by, flags.id);
          context.out(
            `Rejected ${decided.length} held leaver${decided.length === 1 ? '' : 's'}; nothing was written, and those leave dates are not held again until Staffology changes them.`,
          );
          return;
        }
        const { decided, run } = await approveHeldLeavers(deps, connection.id, by, flags.id);
        const approved = decided.filter((held) => held.status === 'approved').length;
        const released = decided.length - approved;
        context.out(
          `Approved ${approved} held leaver${approved === 1 ? '' : 's'}${released > 0 ? `; released ${released} no longer leaving in Staffology` : ''}.`,
        );
        if (run) {
          context.out(formatRunReport(run));
          context.exitCode = exitCodeFor(run.status);
        }
      });
  }
}
