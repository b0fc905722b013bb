import { useEffect, useId } from 'react';
import { Brand } from '../components/brand.tsx';
import { createStoreContext } from '../components/create-store-context.tsx';
import { LoadingMessage, ProblemMessage } from '../components/problem-message.tsx';
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
      <div className="ss-field">
        <label className="ss-label" htmlFor={`${id}-token`}>
          API token
        </label>
        <input
          id={`${id}-token`}
          className="ss-input"
          type="password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-describedby={`${id}-token-hint`}
          autoComplete="off"
          spellCheck={false}
        />
        <span id={`${id}-token-hint`} className="ss-hint">
          Kept in this browser only. The server stores only a hash of it.
        </span>
      </div>
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
