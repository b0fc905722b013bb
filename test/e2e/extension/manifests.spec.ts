import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { buildExtension, type ExtensionBuild } from './support/load-extension.ts';

// PRODUCT.md 5, "stays ours": the production build reaches ExpenseIn alone; only the sandbox build (demo, tests) adds
// loopback pages, where any local program could otherwise serve a fake Edit User window.

interface Manifest {
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
  web_accessible_resources?: { matches?: string[] }[];
}

function manifestOf(build: ExtensionBuild): Manifest {
  return JSON.parse(readFileSync(`${buildExtension(build)}/manifest.json`, 'utf8')) as Manifest;
}

/** Every pattern the manifest lets the extension run on or reach without asking. */
function granted(manifest: Manifest): string[] {
  return [
    ...(manifest.host_permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []),
    ...(manifest.web_accessible_resources ?? []).flatMap((resource) => resource.matches ?? []),
  ];
}

test('the production build matches ExpenseIn only', () => {
  const manifest = manifestOf('production');
  expect(new Set(granted(manifest))).toEqual(new Set(['https://app.expensein.com/*']));
  expect(manifest.content_scripts?.map((script) => script.matches)).toEqual([
    ['https://app.expensein.com/*'],
  ]);
  // A staffsync server elsewhere is asked for at Save, one origin at a time: declared optional, never granted.
  expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
});

test('the sandbox build adds loopback, any port, and nothing else', () => {
  const manifest = manifestOf('sandbox');
  expect(new Set(granted(manifest))).toEqual(
    new Set(['https://app.expensein.com/*', 'http://127.0.0.1/*', 'http://localhost/*']),
  );
  expect(manifest.content_scripts?.[0]?.matches).toEqual([
    'https://app.expensein.com/*',
    'http://127.0.0.1/*',
    'http://localhost/*',
  ]);
});
