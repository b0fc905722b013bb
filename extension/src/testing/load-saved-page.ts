import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Parses a saved copy of a sandbox page (src/page/__fixtures__/, written by
 * test/e2e/extension/save-page-fixtures.ts) into a DOM for the selector tests. The DOM is linkedom, which WXT
 * already depends on: resolved through wxt because the extension package has no DOM library of its own.
 */
const requireFromWxt = createRequire(createRequire(import.meta.url).resolve('wxt'));
const { parseHTML } = requireFromWxt('linkedom') as {
  parseHTML: (html: string) => { document: Document };
};

export function loadSavedPage(name: string): Document {
  return parsePage(readFileSync(new URL(`../page/__fixtures__/${name}`, import.meta.url), 'utf8'));
}

/** A page written in a test, for markup no sandbox look has. */
export function parsePage(html: string): Document {
  return parseHTML(
    html.trimStart().startsWith('<!') ? html : `<!doctype html><html><body>${html}</body></html>`,
  ).document;
}
