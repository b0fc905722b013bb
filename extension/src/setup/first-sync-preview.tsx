import type { SetupPreview } from '@staffsync/shared';
import { RunCountsList } from '../components/run-counts-list.tsx';
import { runStatusLabels } from '../format/describe-sync.ts';
import { ProblemList } from './problem-list.tsx';

/**
 * The first sync as it would go, planned by the server's run engine from the keys typed, nothing written: its counts,
 * the status it would end with, and every employee it would skip or leave in conflict.
 */
export function FirstSyncPreview({ preview, stale }: { preview: SetupPreview; stale: boolean }) {
  return (
    <section className="ss-card" aria-labelledby="ss-preview" data-staffsync="first-sync-preview">
      <h3 id="ss-preview">Preview of the first sync (nothing written yet)</h3>
      {stale ? (
        <p className="ss-message ss-message--notice" role="status">
          The keys, the employer or Include Bank Details changed since this preview: check the keys again
          before connecting.
        </p>
      ) : null}
      <p>
        Connecting runs this sync at once; it would end{' '}
        <span className={`ss-status ss-status--${preview.status}`}>{runStatusLabels[preview.status]}</span>
        {preview.status === 'partial' ? ': some employees are skipped or in conflict (below).' : '.'}
      </p>
      <RunCountsList counts={preview.counts} label="Counts of the first sync" />
      <h4>Employees it would skip or leave in conflict</h4>
      <ProblemList
        problems={preview.problems}
        label="Employees the first sync would skip or leave in conflict"
      />
    </section>
  );
}
