import type { AnchorReport } from '../page/recognise-page.ts';

const marks: Record<AnchorReport['status'], { mark: string; said: string }> = {
  found: { mark: '✓', said: 'found' },
  missing: { mark: '✗', said: 'not found' },
  not_looked_for: { mark: '–', said: 'not looked for' },
};

function how(anchor: AnchorReport): string {
  if (anchor.status === 'found')
    return `${anchor.variant}${anchor.count === undefined ? '' : ` (${anchor.count})`}`;
  return anchor.status === 'missing' ? 'not found' : (anchor.note ?? 'not looked for');
}

/** Anchors as found or not, and by which variant (PRODUCT.md 5), for the popup and the options. */
export function AnchorList({ anchors, label }: { anchors: readonly AnchorReport[]; label: string }) {
  return (
    <ul className="ss-anchors" aria-label={label}>
      {anchors.map((anchor) => (
        <li key={anchor.id} className={`ss-anchor--${anchor.status}`} data-anchor={anchor.id}>
          <span className="ss-anchor-mark" aria-hidden="true">
            {marks[anchor.status].mark}
          </span>
          <span>
            <strong>{anchor.name}</strong>
            <span className="ss-sr-only"> {marks[anchor.status].said}</span>: {how(anchor)}
            {anchor.note && anchor.status !== 'not_looked_for' ? (
              <span className="ss-muted"> ({anchor.note})</span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
