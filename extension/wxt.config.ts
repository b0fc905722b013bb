import { defineConfig } from 'wxt';

export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'staffsync for ExpenseIn',
    permissions: ['storage'],
    // Match patterns without a port match any port (toolchain.md): the sandbox and a local server.
    host_permissions: ['https://app.expensein.com/*', 'http://127.0.0.1/*', 'http://localhost/*'],
  },
  webExt: { disabled: true },
});
