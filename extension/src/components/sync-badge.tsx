import type { BadgeKind } from '@staffsync/shared';
import { useId, useRef, useState } from 'react';
import { badgeLabels, badgeText } from '../format/describe-sync.ts';

interface Props {
  badge: BadgeKind;
  reason: string | null;
  employeeNumber?: string | null;
}

/**
 * A user's sync badge (PRODUCT.md 5): a button, so its reason is reached by keyboard as well as by pointer, shown in
 * a tooltip on focus or hover and given to screen readers as the button's description. The tooltip is a popover, in
 * the top layer, so a grid's clipped cells never cut it. Text only: names and reasons are never HTML.
 */
export function SyncBadge({ badge, reason, employeeNumber }: Props) {
  const text = badgeText(badge, reason);
  const employee = employeeNumber ? ` Employee ${employeeNumber}.` : '';
  const hint = `${badgeLabels[badge].hint}${reason && badge !== 'skipped' && badge !== 'conflict' ? ` ${reason}` : ''}${employee}`;
  const tooltipId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const tooltip = useRef<HTMLSpanElement>(null);
  const [open, setOpen] = useState(false);

  const show = () => {
    const target = button.current;
    const tip = tooltip.current;
    if (!target || !tip || open) return;
    const box = target.getBoundingClientRect();
    tip.style.left = `${Math.max(8, Math.min(box.left, window.innerWidth - 368))}px`;
    tip.style.top = `${box.bottom + 6}px`;
    tip.showPopover?.();
    // No room below (a row at the foot of the window): above the badge instead.
    if (box.bottom + 6 + tip.offsetHeight > window.innerHeight) {
      tip.style.top = `${Math.max(8, box.top - 6 - tip.offsetHeight)}px`;
    }
    setOpen(true);
  };
  const hide = () => {
    if (!open) return;
    tooltip.current?.hidePopover?.();
    setOpen(false);
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className={`ss-badge ss-badge--${badge}`}
        data-badge={badge}
        aria-describedby={tooltipId}
        aria-expanded={open}
        onFocus={show}
        onBlur={hide}
        onMouseEnter={show}
        onMouseLeave={hide}
        onClick={() => (open ? hide() : show())}
        onKeyDown={(event) => {
          if (event.key === 'Escape') hide();
        }}
      >
        <span className="ss-sr-only">staffsync: </span>
        <span className="ss-badge-text">{text}</span>
      </button>
      <span ref={tooltip} id={tooltipId} role="tooltip" popover="manual" className="ss-tooltip">
        {text}. {hint}
      </span>
    </>
  );
}

export function LoadingBadge() {
  return (
    <span className="ss-badge ss-badge--loading" data-badge="loading">
      <span className="ss-badge-text">staffsync…</span>
      <span className="ss-sr-only">loading sync status</span>
    </span>
  );
}
