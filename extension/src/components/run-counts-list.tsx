import type { RunCounts } from '@staffsync/shared';
import { countItems } from '../format/describe-sync.ts';

export function RunCountsList({ counts, label }: { counts: RunCounts; label: string }) {
  return (
    <ul className="ss-counts" aria-label={label}>
      {countItems(counts).map((item) => (
        <li key={item.label}>
          <strong>{item.value}</strong> {item.label}
        </li>
      ))}
    </ul>
  );
}
