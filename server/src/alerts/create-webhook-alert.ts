import pRetry, { AbortError } from 'p-retry';
import type { Logger } from '../logging/create-logger.ts';
import type { RunAlert } from '../run/run-deps.ts';
import { type AllowedHosts, checkOutboundUrl } from '../security/allowed-hosts.ts';
import { alertPayload } from './alert-payload.ts';

export interface WebhookAlertOptions {
  logger: Logger;
  /** A webhook is posted to only while its URL passes the allowed-hosts rule (PRODUCT.md 4.3). */
  allowedHosts: AllowedHosts;
  /** Injected for tests that count attempts; the global fetch by default. */
  fetch?: typeof fetch;
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** The first retry's delay; doubled each time (default 1 s). */
  minTimeoutMs?: number;
  /** Each attempt gives up after this long (default 10 s). */
  timeoutMs?: number;
}

export interface WebhookAlerts {
  /** The run layer's alert hook (RunDeps.alert). Returns at once: delivery never holds up the run. */
  alert: RunAlert;
  /** Resolves once every delivery under way has succeeded or given up (for shutdown and tests). */
  settled(): Promise<void>;
}

/**
 * Posts a JSON summary (alert-payload.ts) to the connection's alert webhook when a run ends failed, held or
 * partial, retrying 5xx, 429 and network errors with exponential backoff (p-retry). Delivery runs in the
 * background: a slow or dead webhook never delays or fails a run. A 4xx other than 429 is final, and so is a
 * redirect: it is never followed (PRODUCT.md 4.3), so a webhook cannot send the alert on to another host. The
 * webhook URL is never logged whole: its path is often its secret.
 */
export function createWebhookAlert(options: WebhookAlertOptions): WebhookAlerts {
  const post = options.fetch ?? fetch;
  const pending = new Set<Promise<void>>();

  async function deliver(url: string, body: string, context: Record<string, unknown>): Promise<void> {
    await pRetry(
      async () => {
        const response = await post(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'User-Agent': 'staffsync' },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        await response.body?.cancel();
        if (response.ok) return;
        if (response.status >= 300 && response.status < 400) {
          throw new AbortError(`webhook answered ${response.status}: redirects are not followed`);
        }
        const failure = `webhook answered ${response.status}`;
        if (response.status === 429 || response.status >= 500) throw new Error(failure);
        throw new AbortError(failure);
      },
      {
        retries: options.retries ?? 4,
        minTimeout: options.minTimeoutMs ?? 1000,
        factor: 2,
        randomize: true,
        unref: true,
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
          options.logger.warn(
            { ...context, attempt: attemptNumber, retriesLeft, err: error.message },
            'alert webhook failed',
          );
        },
      },
    );
  }

  return {
    alert(report, connection) {
      const url = connection.alertWebhookUrl;
      if (!url) return;
      const context = { runId: report.runId, connectionId: connection.id, webhook: originOf(url) };
      const verdict = checkOutboundUrl(url, options.allowedHosts, 'the alert webhook URL');
      if (!verdict.ok) {
        options.logger.error(
          { ...context, rule: verdict.rule, err: verdict.message },
          'alert webhook refused',
        );
        return;
      }
      const delivery = deliver(url, JSON.stringify(alertPayload(report, connection)), context)
        .then(() => options.logger.info(context, 'alert webhook delivered'))
        .catch((error: unknown) =>
          options.logger.error(
            { ...context, err: error instanceof Error ? error.message : String(error) },
            'alert webhook gave up',
          ),
        )
        .finally(() => pending.delete(delivery));
      pending.add(delivery);
    },
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}
