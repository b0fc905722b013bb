import type { Demo } from './start-demo.ts';

/**
 * What to open once the demo is up (PRODUCT.md 6: "how to open the sandbox web UI with the extension"): the sandbox's
 * admin web UI, the API with the token, the CLI with the environment that points it at the demo's database, and the
 * extension's set-up steps.
 */
export function formatDemoGuide(
  demo: Pick<Demo, 'sandbox' | 'apiUrl' | 'token' | 'dbFile' | 'keyFile' | 'connectionId' | 'report'>,
): string {
  const { sandbox, apiUrl, token, dbFile, keyFile, connectionId, report } = demo;
  const env = `STAFFSYNC_DB=${dbFile} STAFFSYNC_KEY_FILE=${keyFile}`;
  return `API token for the extension (shown once, stored hashed):
  ${token}

Open
  ExpenseIn admin web UI (sandbox)  ${sandbox.expensein.webUrl}
  staffsync HTTP API                ${apiUrl}/api/openapi.json (routes), ${apiUrl}/api/health
    curl -H 'Authorization: Bearer ${token}' ${apiUrl}/api/connections/${connectionId}/health
  Staffology API (sandbox)          ${sandbox.staffology.baseUrl}  (employer ${sandbox.staffology.employerId})

CLI, from the repository root in another terminal (the demo's database is a temp folder, removed on exit):
  ${env} pnpm staffsync runs
  ${env} pnpm staffsync run ${report.runId}
  ${env} pnpm staffsync plan --connection ${connectionId}
  ${env} pnpm staffsync sync --connection ${connectionId}

The extension on the sandbox web UI (pnpm demo --browser does all four steps):
  1. pnpm build:sandbox             (writes extension/.output/chrome-mv3-sandbox: the build that runs on 127.0.0.1)
  2. In Chromium: chrome://extensions, turn on Developer mode, "Load unpacked", pick extension/.output/chrome-mv3-sandbox
  3. Open the extension's options: server URL ${apiUrl}, API token above, "Test connection", "Save"
  4. Open ${sandbox.expensein.webUrl}: sync badges on the Users list; open a user for the staffsync panel
     (edit a synced field, e.g. a last name, to see the overwrite warning, then Resync). Other looks of the same
     ExpenseIn: ${sandbox.expensein.webUrl}?skin=grid and ?skin=material

Press Ctrl+C to stop the server and the sandbox.`;
}
