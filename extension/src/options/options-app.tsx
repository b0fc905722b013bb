import { useEffect, useId } from 'react';
import { AnchorList } from '../components/anchor-list.tsx';
import { Brand } from '../components/brand.tsx';
import { createStoreContext } from '../components/create-store-context.tsx';
import { TextField } from '../components/form-fields.tsx';
import { LoadingMessage, ProblemMessage } from '../components/problem-message.tsx';
import { anchorIds, describeAnchor } from '../page/anchors.ts';
import { DEFAULT_SERVER_URL } from '../settings/connection-settings.ts';
import type { OptionsState, OptionsStore } from './create-options-store.ts';

const { Provider, useStoreValue } = createStoreContext<OptionsState>('OptionsStore');

/** Options (PRODUCT.md 5): the staffsync server's address and an API token, and Test connection. */
export function OptionsApp({ store }: { store: OptionsStore }) {
  useEffect(() => {
    void store.getState().load();
  }, [store]);
  return (
    <Provider store={store}>
      <main className="ss-root ss-options">
        <h1 style={{ fontSize: 20, margin: '0 0 4px' }}>
          <Brand /> options
        </h1>
        <p className="ss-muted" style={{ margin: 0 }}>
          Connect the extension to your staffsync server. Create a token on the server with{' '}
          <code>pnpm staffsync token create NAME</code>.
        </p>
        <SettingsForm />
        <TestResult />
        <p>
          {/* An extension page, like this one: opened in its own tab. */}
          <a href="/setup.html" target="_blank" rel="noreferrer">
            Set up the Staffology HR integration
          </a>{' '}
          <span className="ss-muted">(owner token): check departments, connect, check the first sync.</span>
        </p>
        <CorrectionsForm />
      </main>
    </Provider>
  );
}

function SettingsForm() {
  const loaded = useStoreValue((state) => state.loaded);
  const serverUrl = useStoreValue((state) => state.serverUrl);
  const token = useStoreValue((state) => state.token);
  const fieldError = useStoreValue((state) => state.fieldError);
  const saved = useStoreValue((state) => state.saved);
  const test = useStoreValue((state) => state.test);
  const setServerUrl = useStoreValue((state) => state.setServerUrl);
  const setToken = useStoreValue((state) => state.setToken);
  const save = useStoreValue((state) => state.save);
  const testConnection = useStoreValue((state) => state.testConnection);
  const id = useId();
  if (!loaded) return <LoadingMessage text="Loading settings…" />;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      noValidate
    >
      <div className="ss-field">
        <label className="ss-label" htmlFor={`${id}-url`}>
          Server URL
        </label>
        <input
          id={`${id}-url`}
          className="ss-input"
          type="url"
          value={serverUrl}
          placeholder={DEFAULT_SERVER_URL}
          onChange={(event) => setServerUrl(event.target.value)}
          aria-invalid={fieldError?.field === 'serverUrl' ? true : undefined}
          aria-describedby={`${id}-url-hint${fieldError ? ` ${id}-url-error` : ''}`}
          autoComplete="url"
          required
        />
        <span id={`${id}-url-hint`} className="ss-hint">
          Where <code>pnpm staffsync serve</code> listens, e.g. {DEFAULT_SERVER_URL}
        </span>
        {fieldError ? (
          <span id={`${id}-url-error`} className="ss-message ss-message--problem" role="alert">
            {fieldError.message}
          </span>
        ) : null}
      </div>
      <TextField
        label="API token"
        type="password"
        value={token}
        onChange={setToken}
        hint="Kept in this browser only. The server stores only a hash of it."
      />
      <div className="ss-row">
        <button type="submit" className="ss-button ss-button--primary" disabled={saved === 'saving'}>
          Save
        </button>
        <button
          type="button"
          className="ss-button"
          disabled={test.state === 'testing'}
          onClick={() => void testConnection()}
        >
          {test.state === 'testing' ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      <p role="status" className="ss-hint">
        {saved === 'saved'
          ? 'Saved.'
          : saved === 'denied'
            ? 'Not saved: the browser did not allow access to that server.'
            : ''}
      </p>
    </form>
  );
}

function TestResult() {
  const test = useStoreValue((state) => state.test);
  if (test.state === 'idle' || test.state === 'testing') return null;
  if (test.state === 'problem') {
    return <ProblemMessage problem={test.problem} what="Test connection failed" />;
  }
  const { result } = test;
  return (
    <div className="ss-message ss-message--ok" role="status" data-staffsync="test-ok">
      <span className="ss-message-title">Connected.</span>
      <span>
        staffsync {result.version} at {result.serverUrl} accepted the token;{' '}
        {result.connections === 1 ? '1 connection' : `${result.connections} connections`}.
      </span>
    </div>
  );
}

/**
 * Advanced (PRODUCT.md 5): a CSS selector per anchor, for an ExpenseIn page the built-in variants miss, tried on the
 * open ExpenseIn tab before it is saved and then used before the variants.
 */
function CorrectionsForm() {
  const corrections = useStoreValue((state) => state.corrections);
  const check = useStoreValue((state) => state.check);
  const saved = useStoreValue((state) => state.correctionsSaved);
  const setCorrection = useStoreValue((state) => state.setCorrection);
  const tryCorrections = useStoreValue((state) => state.tryCorrections);
  const saveCorrections = useStoreValue((state) => state.saveCorrections);
  const corrected = Object.values(corrections).some((selector) => selector?.trim());
  return (
    <details className="ss-card" open={corrected} style={{ marginTop: 20 }}>
      <summary>
        <strong>Advanced: correct what staffsync looks for on ExpenseIn</strong>
      </summary>
      <p className="ss-muted">
        When staffsync does not recognise part of ExpenseIn (its toolbar button lists what it found), give
        that part a CSS selector here. It is tried on the ExpenseIn tab you used last before it is saved, and
        then used before staffsync's own ways of finding it. Leave a field empty to use those.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void saveCorrections();
        }}
        noValidate
      >
        {anchorIds.map((anchor) => {
          const { name, within } = describeAnchor(anchor);
          return (
            <TextField
              key={anchor}
              label={name}
              value={corrections[anchor] ?? ''}
              onChange={(value) => setCorrection(anchor, value)}
              hint={`CSS selector, looked for ${within}`}
            />
          );
        })}
        <div className="ss-row">
          <button type="button" className="ss-button" onClick={() => void tryCorrections()}>
            Try on the open ExpenseIn tab
          </button>
          <button type="submit" className="ss-button ss-button--primary" disabled={saved === 'saving'}>
            Save corrections
          </button>
        </div>
      </form>
      <p role="status" className="ss-hint">
        {saved === 'saved'
          ? 'Corrections saved, and applied to the open ExpenseIn tabs.'
          : saved === 'refused'
            ? 'Not saved: every correction must find its part of the open ExpenseIn page first.'
            : ''}
      </p>
      <CorrectionsCheck check={check} />
    </details>
  );
}

function CorrectionsCheck({ check }: { check: OptionsState['check'] }) {
  if (check.state === 'idle') return null;
  if (check.state === 'checking') return <LoadingMessage text="Trying on the open ExpenseIn tab…" />;
  if (check.state === 'unavailable') {
    return (
      <p className="ss-message ss-message--problem" role="status">
        {check.message}
      </p>
    );
  }
  return (
    <section
      aria-label="What the open ExpenseIn tab shows with these corrections"
      data-staffsync="corrections-check"
    >
      {check.problems.length > 0 ? (
        <ul className="ss-list ss-message ss-message--problem">
          {check.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      {check.unchecked.length > 0 ? (
        <ul className="ss-list ss-muted">
          {check.unchecked.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <AnchorList
        anchors={check.recognition.anchors}
        label="What staffsync finds on the open ExpenseIn tab"
      />
    </section>
  );
}
