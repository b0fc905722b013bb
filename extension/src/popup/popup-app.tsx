import type { ConnectionHealth, RunSummary } from '@staffsync/shared';
import { useEffect, useState } from 'react';
import { AnchorList } from '../components/anchor-list.tsx';
import { Brand } from '../components/brand.tsx';
import { createStoreContext } from '../components/create-store-context.tsx';
import { LoadingMessage, ProblemMessage } from '../components/problem-message.tsx';
import { RunCountsList } from '../components/run-counts-list.tsx';
import { formatDateTime, runStatusLabels } from '../format/describe-sync.ts';
import type { PageRecognition } from '../page/recognise-page.ts';
import type { PopupState, PopupStore } from './create-popup-store.ts';

const { Provider, useStoreValue } = createStoreContext<PopupState>('PopupStore');

const credentialLabels = {
  ok: 'OK',
  invalid: 'Key refused',
  forbidden: 'Key lacks permission',
  unreachable: 'Unreachable',
};

/** The popup (PRODUCT.md 5): connection health, last run with counts, next run, Sync now, Preview. */
export function PopupApp({ store }: { store: PopupStore }) {
  useEffect(() => {
    void store.getState().loadOverview();
    void store.getState().loadPage();
  }, [store]);
  return (
    <Provider store={store}>
      <main className="ss-root ss-popup">
        <Header />
        <Overview />
        <Actions />
        <SyncResult />
        <PreviewResult />
        <PageSection />
      </main>
    </Provider>
  );
}

function Header() {
  const openOptions = useStoreValue((state) => state.openOptions);
  return (
    <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
      <h1 style={{ margin: 0, fontSize: 16 }}>
        <Brand />
      </h1>
      <span>
        <a className="ss-button ss-button--link" href="/setup.html" target="_blank" rel="noreferrer">
          Set up
        </a>
        <button type="button" className="ss-button ss-button--link" onClick={() => void openOptions()}>
          Options
        </button>
      </span>
    </header>
  );
}

function Overview() {
  const overview = useStoreValue((state) => state.overview);
  const loadOverview = useStoreValue((state) => state.loadOverview);
  const openOptions = useStoreValue((state) => state.openOptions);
  if (overview.state === 'loading') return <LoadingMessage text="Checking the connection…" />;
  if (overview.state === 'problem') {
    return (
      <div className="ss-card">
        <ProblemMessage
          problem={overview.problem}
          what="The connection's health is unavailable"
          onRetry={() => void loadOverview()}
          onOpenOptions={() => void openOptions()}
        />
      </div>
    );
  }
  return <Health health={overview.health} />;
}

function Health({ health }: { health: ConnectionHealth }) {
  const { connection, credentials, lastRun } = health;
  const healthy =
    connection.status === 'connected' && credentials.staffology === 'ok' && credentials.expensein === 'ok';
  return (
    <>
      <section className="ss-card" aria-labelledby="ss-connection">
        <h2 id="ss-connection">Connection</h2>
        <dl className="ss-dl">
          <dt>Account</dt>
          <dd>{connection.name}</dd>
          <dt>Health</dt>
          <dd>
            <span className={`ss-status ss-status--${healthy ? 'succeeded' : 'failed'}`}>
              {connection.status === 'connected' ? (healthy ? 'Healthy' : 'Needs attention') : 'Disconnected'}
            </span>
          </dd>
          <dt>Staffology</dt>
          <dd>{credentialLabels[credentials.staffology]}</dd>
          <dt>ExpenseIn</dt>
          <dd>{credentialLabels[credentials.expensein]}</dd>
          <dt>Next run</dt>
          <dd>{health.nextRunAt ? formatDateTime(health.nextRunAt) : 'not scheduled'}</dd>
        </dl>
        {health.advice.length > 0 ? (
          <ul className="ss-list" aria-label="Advice">
            {health.advice.map((advice) => (
              <li key={advice}>{advice}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="ss-card" aria-labelledby="ss-last-run">
        <h2 id="ss-last-run">Last run</h2>
        {lastRun ? <RunLine run={lastRun} /> : <p className="ss-muted">No run yet.</p>}
      </section>
    </>
  );
}

function RunLine({ run }: { run: RunSummary }) {
  return (
    <>
      <p style={{ margin: 0 }}>
        <span className={`ss-status ss-status--${run.status}`}>{runStatusLabels[run.status]}</span> run #
        {run.id} · {formatDateTime(run.finishedAt ?? run.startedAt)} · {run.trigger}
      </p>
      {run.counts ? <RunCountsList counts={run.counts} label={`Counts of run ${run.id}`} /> : null}
      {run.error ? <p className="ss-muted">{run.error}</p> : null}
    </>
  );
}

function Actions() {
  const sync = useStoreValue((state) => state.sync);
  const preview = useStoreValue((state) => state.preview);
  const syncNow = useStoreValue((state) => state.syncNow);
  const runPreview = useStoreValue((state) => state.runPreview);
  const overview = useStoreValue((state) => state.overview);
  const [controller] = useState(() => new AbortController());
  useEffect(() => () => controller.abort(), [controller]);
  const unavailable = overview.state === 'problem';
  return (
    <div className="ss-row">
      <button
        type="button"
        className="ss-button ss-button--primary"
        disabled={sync.state === 'running' || unavailable}
        onClick={() => void syncNow(controller.signal)}
      >
        {sync.state === 'running' ? <span className="ss-spinner" aria-hidden="true" /> : null}
        {sync.state === 'running' ? 'Syncing…' : 'Sync now'}
      </button>
      <button
        type="button"
        className="ss-button"
        disabled={preview.state === 'running' || unavailable}
        onClick={() => void runPreview()}
      >
        {preview.state === 'running' ? 'Previewing…' : 'Preview'}
      </button>
    </div>
  );
}

function SyncResult() {
  const sync = useStoreValue((state) => state.sync);
  const openOptions = useStoreValue((state) => state.openOptions);
  if (sync.state === 'idle') return null;
  return (
    <section className="ss-card" aria-label="Sync now" aria-live="polite" data-staffsync="sync-result">
      <h2>Sync now</h2>
      {sync.state === 'running' ? (
        <LoadingMessage
          text={
            sync.runId === null
              ? 'Starting a sync…'
              : `Run #${sync.runId} is running${sync.alreadyRunning ? ' (it had already started)' : ''}…`
          }
        />
      ) : sync.state === 'problem' ? (
        <ProblemMessage
          problem={sync.problem}
          what="The sync did not start"
          onOpenOptions={() => void openOptions()}
        />
      ) : (
        <p className="ss-sync-done" role="status">
          Run #{sync.run.id} finished:{' '}
          <span className={`ss-status ss-status--${sync.run.status}`}>
            {runStatusLabels[sync.run.status]}
          </span>
          {sync.run.error ? ` ${sync.run.error}` : ' Its counts are under Last run.'}
        </p>
      )}
    </section>
  );
}

function PreviewResult() {
  const preview = useStoreValue((state) => state.preview);
  if (preview.state === 'idle') return null;
  return (
    <section className="ss-card" aria-label="Preview" aria-live="polite" data-staffsync="preview-result">
      <h2>Preview (dry run, nothing written)</h2>
      {preview.state === 'running' ? (
        <LoadingMessage text="Planning a sync…" />
      ) : preview.state === 'problem' ? (
        <ProblemMessage problem={preview.problem} what="The preview did not run" />
      ) : (
        <RunCountsList counts={preview.result.counts} label="Counts of the preview" />
      )}
    </section>
  );
}

/** What staffsync recognises on the ExpenseIn tab, anchor by anchor, and the page report (PRODUCT.md 5). */
function PageSection() {
  const page = useStoreValue((state) => state.page);
  const report = useStoreValue((state) => state.report);
  const copyReport = useStoreValue((state) => state.copyReport);
  if (page.state === 'loading') return <LoadingMessage text="Looking at the ExpenseIn tab…" />;
  return (
    <section className="ss-card" aria-labelledby="ss-page" data-staffsync="page-recognition">
      <h2 id="ss-page">This page</h2>
      {page.state === 'unavailable' ? (
        <p className="ss-muted">{page.message}</p>
      ) : (
        <PageAnchors recognition={page.recognition} />
      )}
      <div className="ss-row">
        <button
          type="button"
          className="ss-button"
          disabled={page.state !== 'ready' || report.state === 'copying'}
          onClick={() => void copyReport()}
        >
          Copy page report
        </button>
      </div>
      <p role="status" className="ss-hint">
        {report.state === 'copied'
          ? `Copied the page report (${report.lines} lines): its structure only, no values, names or emails.`
          : report.state === 'unavailable'
            ? report.message
            : report.state === 'shown'
              ? 'The browser would not let staffsync copy: select the report below and copy it.'
              : ''}
      </p>
      {report.state === 'shown' ? (
        <textarea
          className="ss-input ss-report"
          readOnly
          value={report.text}
          aria-label="Page report"
          rows={8}
        />
      ) : null}
    </section>
  );
}

function PageAnchors({ recognition }: { recognition: PageRecognition }) {
  const { usersPage, editUser } = recognition.looksLike;
  const main = recognition.anchors.filter((anchor) => !anchor.id.includes(':'));
  const fields = recognition.anchors.filter((anchor) => anchor.id.includes(':'));
  const dialogOpen = main.some((anchor) => anchor.id === 'editUserDialog' && anchor.status === 'found');
  const foundFields = fields.filter((anchor) => anchor.status === 'found').length;
  return (
    <>
      <p className="ss-muted" style={{ margin: 0 }}>
        {recognition.path || 'this page'} reads like{' '}
        {usersPage || editUser
          ? [usersPage ? 'the Users list' : null, editUser ? 'an Edit User window' : null]
              .filter(Boolean)
              .join(' with ')
          : 'neither the Users list nor an Edit User window'}
        .
      </p>
      <AnchorList anchors={main} label="What staffsync recognises on this page" />
      <details open={dialogOpen}>
        <summary>
          Edit User fields and labels:{' '}
          {dialogOpen ? `${foundFields} of ${fields.length} found` : 'open a user to check them'}
        </summary>
        <AnchorList anchors={fields} label="Edit User fields and their labels" />
      </details>
    </>
  );
}
