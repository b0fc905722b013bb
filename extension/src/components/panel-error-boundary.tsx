import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** The panel's id: an error is reported as that panel's (refined-github's errors.ts). */
  panelId: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Each panel renders inside its own boundary (STYLE.md 6), so one broken panel never takes the others, or the
 * ExpenseIn page, down with it.
 */
export class PanelErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`[staffsync] the ${this.props.panelId} panel failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div
        className="ss-root ss-message ss-message--problem"
        role="status"
        data-staffsync-panel-error={this.props.panelId}
      >
        <span className="ss-message-title">staffsync</span>
        <span>
          This part of staffsync stopped working ({error.message}). ExpenseIn itself is not affected; reload
          the page to try again.
        </span>
      </div>
    );
  }
}
