import type { Connection } from '@staffsync/shared';
import { TextField } from '../components/form-fields.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { formatDateTime } from '../format/describe-sync.ts';
import { SettingsForm } from './settings-form.tsx';
import { useSetup } from './setup-store-context.tsx';

/**
 * The seed's set-up step 2 once connected: what is connected, Reconnect with new keys (PRODUCT.md 4.3: they must open
 * the same employer and account), the connection's settings, and Disconnect. The stored keys are never shown.
 */
export function ConnectionStep({ signal }: { signal: AbortSignal }) {
  const connection = useSetup((state) => state.connection);
  if (!connection) return null;
  return (
    <>
      <ConnectionSummary connection={connection} />
      <ReconnectForm signal={signal} connected={connection.status === 'connected'} />
      <SettingsForm />
      <DisconnectControl connected={connection.status === 'connected'} />
    </>
  );
}

function ConnectionSummary({ connection }: { connection: Connection }) {
  return (
    <dl className="ss-dl" aria-label="The connection">
      <dt>Company</dt>
      <dd>{connection.name}</dd>
      <dt>Staffology employer</dt>
      <dd>{connection.staffology.employerId}</dd>
      <dt>ExpenseIn</dt>
      <dd>{connection.expensein.baseUrl}</dd>
      <dt>Status</dt>
      <dd>
        <span
          className={`ss-status ss-status--${connection.status === 'connected' ? 'succeeded' : 'failed'}`}
        >
          {connection.status === 'connected' ? 'Connected' : 'Disconnected'}
        </span>{' '}
        {connection.connectedAt ? `since ${formatDateTime(connection.connectedAt)}` : ''}
      </dd>
      <dt>API keys</dt>
      <dd>Kept, encrypted, by the staffsync server: never shown</dd>
    </dl>
  );
}

function ReconnectForm({ signal, connected }: { signal: AbortSignal; connected: boolean }) {
  const form = useSetup((state) => state.reconnectForm);
  const errors = useSetup((state) => state.errors);
  const reconnecting = useSetup((state) => state.reconnecting);
  const setReconnectKey = useSetup((state) => state.setReconnectKey);
  const reconnect = useSetup((state) => state.reconnect);
  return (
    <form
      className="ss-subsection"
      aria-labelledby="ss-reconnect"
      onSubmit={(event) => {
        event.preventDefault();
        void reconnect(signal);
      }}
      noValidate
    >
      <h3 id="ss-reconnect">{connected ? 'Reconnect with new keys' : 'Reconnect'}</h3>
      <p className="ss-muted">
        New keys must open the same Staffology employer and the same ExpenseIn account. Leave a key empty to
        keep the stored one. The sync runs again right after.
      </p>
      <TextField
        label="New Staffology API key"
        type="password"
        value={form.staffologyApiKey}
        onChange={(value) => setReconnectKey('staffologyApiKey', value)}
        error={errors.reconnectStaffologyApiKey}
      />
      <TextField
        label="New ExpenseIn API key"
        type="password"
        value={form.expenseinApiKey}
        onChange={(value) => setReconnectKey('expenseinApiKey', value)}
        error={errors.reconnectExpenseinApiKey}
      />
      <div className="ss-row">
        <button type="submit" className="ss-button" disabled={reconnecting.state === 'busy'}>
          {reconnecting.state === 'busy' ? 'Reconnecting…' : 'Reconnect'}
        </button>
      </div>
      {reconnecting.state === 'problem' ? (
        <ProblemMessage problem={reconnecting.problem} what="Not reconnected" />
      ) : null}
    </form>
  );
}

function DisconnectControl({ connected }: { connected: boolean }) {
  const disconnecting = useSetup((state) => state.disconnecting);
  const askDisconnect = useSetup((state) => state.askDisconnect);
  const cancelDisconnect = useSetup((state) => state.cancelDisconnect);
  const disconnect = useSetup((state) => state.disconnect);
  if (!connected) return null;
  return (
    <section className="ss-subsection" aria-labelledby="ss-disconnect">
      <h3 id="ss-disconnect">Disconnect</h3>
      {disconnecting.state === 'confirming' || disconnecting.state === 'busy' ? (
        <>
          <p role="status">
            Disconnect? No more runs until you reconnect; the links and the history are kept.
          </p>
          <div className="ss-row">
            <button
              type="button"
              className="ss-button ss-button--danger"
              disabled={disconnecting.state === 'busy'}
              onClick={() => void disconnect()}
            >
              Disconnect now
            </button>
            <button type="button" className="ss-button" onClick={cancelDisconnect}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <div className="ss-row">
          <button type="button" className="ss-button" onClick={askDisconnect}>
            Disconnect
          </button>
        </div>
      )}
      {disconnecting.state === 'problem' ? (
        <ProblemMessage problem={disconnecting.problem} what="Not disconnected" />
      ) : null}
    </section>
  );
}
