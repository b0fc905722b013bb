import type { Problem } from '../messaging/server-result.ts';

interface Props {
  problem: Problem;
  /** What could not be done, e.g. "Sync status is unavailable". */
  what: string;
  onRetry?: () => void;
  onOpenOptions?: () => void;
}

/** A problem's kind in a few words: the message's title, and what the collapsed panel shows. */
export const problemTitles: Record<Problem['kind'], string> = {
  not_configured: 'Not connected yet',
  unreachable: 'Server unreachable',
  unauthorized: 'Unauthorised',
  forbidden: 'Not allowed for this token',
  not_found: 'Not found',
  no_connection: 'No connection',
  rate_limited: 'Too many requests',
  refused: 'Refused',
  server_error: 'Server error',
  bad_response: 'Unexpected answer',
  extension_error: 'Extension error',
};

/**
 * The face of every failure (PRODUCT.md 5): what happened, what it means, and what to do. A polite status, not an
 * alert: a server that is down is news, not an emergency, and an alert on every page load would interrupt whatever a
 * screen reader was saying.
 */
export function ProblemMessage({ problem, what, onRetry, onOpenOptions }: Props) {
  // Another token is the way out of these three; trying again with the same one changes nothing.
  const needsSettings =
    problem.kind === 'unauthorized' || problem.kind === 'not_configured' || problem.kind === 'forbidden';
  const canRetry = !needsSettings;
  return (
    <div className="ss-message ss-message--problem" role="status" data-problem={problem.kind}>
      <span className="ss-message-title">{problemTitles[problem.kind]}:</span>
      <span>
        {what}. {problem.message}
      </span>
      {needsSettings && onOpenOptions ? (
        <button type="button" className="ss-button" onClick={onOpenOptions}>
          Open staffsync options
        </button>
      ) : null}
      {canRetry && onRetry ? (
        <button type="button" className="ss-button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function LoadingMessage({ text }: { text: string }) {
  return (
    <div className="ss-message" role="status" aria-live="polite">
      <span className="ss-spinner" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}
