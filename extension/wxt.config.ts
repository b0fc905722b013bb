import { defineConfig } from 'wxt';
import { pageMatchesFor } from './src/settings/page-matches.ts';

export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-react'],
  manifest: ({ mode }) => ({
    name: 'staffsync for ExpenseIn',
    version: '0.1.0',
    description:
      'Shows ExpenseIn administrators what the Staffology sync does to each user: badges, pending overwrites, resync.',
    permissions: ['storage'],
    // The pages the content script runs on; the sandbox build adds loopback (src/settings/page-matches.ts).
    host_permissions: pageMatchesFor(mode),
    // The staffsync server: the options page asks for the one origin the administrator saves, nothing wider.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  }),
  hooks: {
    // The content script declares the production pages; a build in another mode gets that mode's pages, so the
    // manifest is the one place the background reads them from.
    'build:manifestGenerated': (wxt, manifest) => {
      for (const script of manifest.content_scripts ?? []) script.matches = pageMatchesFor(wxt.config.mode);
    },
  },
  vite: () => ({
    plugins: [
      {
        // WXT defines process.env.NODE_ENV as the mode ("sandbox"), which picks React's development build and JSX
        // transform: the sandbox build the browser tests load must run the code that ships.
        name: 'staffsync:production-react',
        config: () => ({
          define: { 'process.env.NODE_ENV': JSON.stringify('production') },
          oxc: { jsx: { development: false } },
        }),
      },
    ],
  }),
  webExt: { disabled: true },
});
