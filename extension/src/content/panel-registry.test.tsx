import { readdirSync } from 'node:fs';
import { isValidElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PanelErrorBoundary } from '../components/panel-error-boundary.tsx';
import { createSelectors } from '../page/selectors.ts';
import { createTestApi } from '../testing/create-test-api.ts';
import { loadSavedPage } from '../testing/load-saved-page.ts';
import type { PanelDefinition } from './define-panel.ts';
import { panelElement } from './mount-panels.tsx';
import { panels } from './panel-registry.ts';

// The conventions of src/panels/ (STYLE.md 6; refined-github's build/features.test.ts): one panel per file, each
// registered in panel-registry.ts and mounted inside its own error boundary.

const panelsDir = new URL('../panels/', import.meta.url);
const panelFiles = readdirSync(panelsDir).filter(
  (name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name),
);
const savedPages = [
  'users-list.html',
  'users-list-leavers.html',
  'edit-user.html',
  'new-user.html',
  'departments.html',
  'grid-users-list.html',
  'material-edit-user.html',
  'unrecognised-users.html',
];

function isPanel(value: unknown): value is PanelDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'string' &&
    'findAnchors' in value &&
    typeof value.findAnchors === 'function' &&
    'place' in value &&
    typeof value.place === 'function' &&
    'render' in value &&
    typeof value.render === 'function'
  );
}

describe('src/panels', () => {
  it('holds panels', () => {
    expect(panelFiles.length).toBeGreaterThan(0);
  });

  it.each(panelFiles)(
    '%s default-exports a panel named after the file, and it is registered',
    async (file) => {
      const module: { default?: unknown } = await import(new URL(file, panelsDir).href);
      expect(isPanel(module.default)).toBe(true);
      if (!isPanel(module.default)) return;
      expect(module.default.id).toBe(file.replace(/\.tsx?$/, ''));
      expect(panels).toContain(module.default);
    },
  );

  it('registers no panel without a file, and no id twice', () => {
    const ids = panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(panelFiles.map((file) => file.replace(/\.tsx?$/, '')).sort());
  });

  it.each(panels.map((panel) => [panel.id, panel] as const))(
    '%s finds its anchor in a saved page and mounts inside its own error boundary',
    (id, panel) => {
      const anchors = savedPages.flatMap((page) => panel.findAnchors(loadSavedPage(page), createSelectors()));
      expect(anchors.length).toBeGreaterThan(0);
      const [anchor] = anchors;
      if (!anchor) return;
      const context = {
        api: createTestApi('http://127.0.0.1:9'),
        signal: new AbortController().signal,
        page: { subscribe: () => undefined, poke: () => undefined },
        selectors: () => createSelectors(),
      };
      const element = panelElement(panel, anchor, context);
      expect(isValidElement(element)).toBe(true);
      expect(element.type).toBe(PanelErrorBoundary);
      expect(element.props).toMatchObject({ panelId: id });
    },
  );
});

describe('PanelErrorBoundary', () => {
  it('shows a panel that threw as a message naming staffsync, never an empty page', () => {
    const boundary = new PanelErrorBoundary({ panelId: 'edit-user-panel', children: null });
    boundary.state = PanelErrorBoundary.getDerivedStateFromError(new Error('boom'));
    const fallback = boundary.render();
    if (!isValidElement(fallback)) throw new Error('the boundary rendered no element');
    const html = renderToStaticMarkup(fallback);
    expect(html).toContain('role="status"');
    expect(html).toContain('data-staffsync-panel-error="edit-user-panel"');
    expect(html).toContain('This part of staffsync stopped working (boom)');
  });

  it('renders its panel while nothing threw', () => {
    const html = renderToStaticMarkup(
      <PanelErrorBoundary panelId="users-list-badges">
        <span>badges</span>
      </PanelErrorBoundary>,
    );
    expect(html).toBe('<span>badges</span>');
  });
});
