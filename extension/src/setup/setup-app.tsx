import { useEffect, useState } from 'react';
import { Brand } from '../components/brand.tsx';
import { LoadingMessage, ProblemMessage } from '../components/problem-message.tsx';
import { CheckStep } from './check-step.tsx';
import { ConnectStep } from './connect-step.tsx';
import { ConnectionStep } from './connection-step.tsx';
import type { SetupStore } from './create-setup-store.ts';
import { DepartmentsStep } from './departments-step.tsx';
import { SetupStoreProvider, useSetup } from './setup-store-context.tsx';

/**
 * Set up (PRODUCT.md 5, owner token): the seed's "How to set up" as one guided page, its three steps in order.
 * `openOptions` is where a token with another role is changed.
 */
export function SetupApp({ store, openOptions }: { store: SetupStore; openOptions: () => void }) {
  // Runs the page follows stop being polled when it closes; they go on in the server.
  const [controller] = useState(() => new AbortController());
  useEffect(() => {
    void store.getState().load(controller.signal);
    return () => controller.abort();
  }, [store, controller]);
  return (
    <SetupStoreProvider store={store}>
      <main className="ss-root ss-setup">
        <h1>
          <Brand /> set up
        </h1>
        <p className="ss-muted">
          staffsync keeps ExpenseIn users in step with Staffology HR employees, one way: Staffology HR's Known
          As, Surname, Work Email, department, leave date and (if you choose) bank details update ExpenseIn,
          matched by Employee Number = User Reference. Three steps set it up.
        </p>
        <Start openOptions={openOptions} signal={controller.signal} />
      </main>
    </SetupStoreProvider>
  );
}

function Start({ openOptions, signal }: { openOptions: () => void; signal: AbortSignal }) {
  const start = useSetup((state) => state.start);
  const connection = useSetup((state) => state.connection);
  const notice = useSetup((state) => state.notice);
  if (start.state === 'loading') return <LoadingMessage text="Asking the staffsync server…" />;
  if (start.state === 'problem') {
    const { problem } = start;
    return (
      <ProblemMessage
        problem={
          problem.kind === 'forbidden'
            ? {
                ...problem,
                message: `Setting up needs a token with the owner role (${problem.message}). Create one on the server with \`pnpm staffsync token create NAME --role owner\` and save it in the options.`,
              }
            : problem
        }
        what="Set up is not available"
        onOpenOptions={openOptions}
      />
    );
  }
  return (
    <>
      <p className="ss-hint" role="status" data-staffsync="notice">
        {notice}
      </p>
      <ol className="ss-steps">
        <li>
          <DepartmentsStep />
        </li>
        <li>
          <section className="ss-card ss-step" aria-labelledby="ss-step-2" data-step="2">
            <h2 id="ss-step-2">Step 2: Connect Staffology HR with ExpenseIn</h2>
            <p>
              {connection
                ? 'Connected: reconnect with new keys, change the settings or disconnect; each change is saved on the staffsync server.'
                : 'Give staffsync an API key of each, so it can read Staffology HR and update your ExpenseIn users. Nothing is stored until you press Connect.'}
            </p>
            {connection ? <ConnectionStep signal={signal} /> : <ConnectStep signal={signal} />}
          </section>
        </li>
        <li>
          <CheckStep />
        </li>
      </ol>
    </>
  );
}
