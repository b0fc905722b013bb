import { defineConfig } from 'wxt';

export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'staffsync for ExpenseIn',
    version: '0.1.0',
    description:
      'Shows ExpenseIn administrators what the Staffology sync does to each user: badges, pending overwrites, resync.',
    permissions: ['storage'],
    // Match patterns without a port match any port (toolchain.md 3): ExpenseIn, the sandbox web UI and a local
    // staffsync server (default http://127.0.0.1:8787).
    host_permissions: ['https://app.expensein.com/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    // A staffsync server elsewhere: the options page asks for its origin alone when it is saved.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  },
  webExt: { disabled: true },
});
