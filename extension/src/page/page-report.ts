import type { PageRecognition } from './recognise-page.ts';
import { labels } from './selectors.ts';

/**
 * Words an admin page uses for its structure, which a report may show: the registry's labels and the words around
 * them on an admin page. Anything else on the page (names, emails, references, department names, amounts) is data
 * and never leaves it (PRODUCT.md 5: "no values, no names, no emails").
 */
const structureWords = new Set(
  [
    ...Object.values(labels).flatMap((value) => (Array.isArray(value) ? value : Object.values(value).flat())),
    'Users User Edit New Update Create Save Cancel Close Delete Add Actions Action Details Settings Out of Office',
    'Employment Bank Permissions Expense Policy Approval Flow Flows Invoicing Statement Identifier Optional',
    'Filter Search Include Leavers Leaver Scheduled Status Active Invited Not Admin Account Departments Department',
    'Management Home Menu More Options Select All Selected Loading Next Previous Page Show Hide Send Resend',
    'Invitation Groups Group Custom Fields Field Start End Enable Only during this period Date Today Calendar',
    'Open Choose Clear Yes No OK Back Help Required Import Link Download Upload Name Email Reference Card',
    'Personal Car Mileage Time Company Fuel Cash Advance Vehicles Statements Override Expenses Can and a the to',
    'for by in on with or Skip main content Showing users user Sign',
  ]
    .flatMap((phrase) => phrase.split(/\s+/))
    .map((word) => word.toLowerCase()),
);

/** Text as the report shows it: the words when every one is a structure word, else an ellipsis. */
function safeText(text: string | null | undefined): string | null {
  const value = (text ?? '').replace(/\s+/g, ' ').trim();
  if (value === '') return null;
  const words = value.split(/[\s()*:,.·|/-]+/).filter(Boolean);
  const known = words.every(
    (word) =>
      structureWords.has(word.toLowerCase()) || /^(dd|mm|yyyy|yy)$/i.test(word) || /^[?×✕+…]$/.test(word),
  );
  return known ? value : '…';
}

/** A class or id as the report shows it: generated hashes and anything carrying data dropped. */
function safeToken(token: string): string | null {
  if (token.length > 40 || /[@\s]/.test(token) || /\d{3,}/.test(token)) return null;
  return token.replace(/\d+/g, '#');
}

const shownAttributes = [
  'role',
  'type',
  'aria-modal',
  'aria-hidden',
  'aria-selected',
  'aria-expanded',
  'aria-haspopup',
  'aria-busy',
  'hidden',
  'open',
  'disabled',
  'contenteditable',
  'tabindex',
];

function describe(element: Element): string {
  const tag = element.tagName.toLowerCase();
  const id = element.id ? safeToken(element.id) : null;
  const classes = [...element.classList].flatMap((name) => safeToken(name) ?? []);
  const parts = [`${tag}${id ? `#${id}` : ''}${classes.map((name) => `.${name}`).join('')}`];
  for (const name of shownAttributes) {
    const value = element.getAttribute(name);
    if (value === null) continue;
    const shown = /^-?\d{1,2}$/.test(value) ? value : (safeToken(value) ?? '…');
    parts.push(value === '' ? `[${name}]` : `[${name}=${shown}]`);
  }
  const fieldName = element.getAttribute('name');
  const safeName = fieldName && /^[A-Za-z_][\w.[\]-]*$/.test(fieldName) ? safeToken(fieldName) : null;
  if (safeName) parts.push(`[name=${safeName}]`);
  for (const name of ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'href']) {
    if (element.hasAttribute(name)) parts.push(`[${name}]`);
  }
  for (const name of ['aria-label', 'title', 'placeholder']) {
    const words = safeText(element.getAttribute(name));
    if (words) parts.push(`[${name}="${words}"]`);
  }
  const data = [...element.attributes].filter((attribute) => attribute.name.startsWith('data-'));
  if (data.length > 0) parts.push(`[${data.map((attribute) => attribute.name).join(' ')}]`);
  const own = [...element.childNodes]
    .filter((node) => node.nodeType === 3)
    .map((node) => node.textContent ?? '')
    .join(' ');
  const text = safeText(own);
  if (text) parts.push(`"${text}"`);
  return parts.join(' ');
}

/** The shape of an element for telling repeats apart: tag, role, classes and shown words (column headers differ). */
function shape(element: Element): string {
  const own = [...element.childNodes]
    .filter((node) => node.nodeType === 3)
    .map((node) => node.textContent)
    .join(' ');
  return `${element.tagName}|${element.getAttribute('role') ?? ''}|${element.className}|${safeText(own) ?? ''}`;
}

const skipped = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta']);
const maxLines = 4000;
/** Siblings of one shape shown before the rest are counted (rows of a long list). */
const maxRepeats = 3;

function walk(element: Element, depth: number, lines: string[]): void {
  if (lines.length >= maxLines) return;
  const tag = element.tagName.toLowerCase();
  const indent = '  '.repeat(depth);
  if (tag.startsWith('staffsync-')) {
    lines.push(`${indent}${tag} (staffsync's own)`);
    return;
  }
  lines.push(`${indent}${describe(element)}`);
  if (tag === 'svg') return;
  const children: Element[] = [...element.children];
  if (element.shadowRoot) {
    lines.push(`${indent}  #shadow-root`);
    children.unshift(...element.shadowRoot.children);
  }
  let previous = '';
  let repeats = 0;
  let hidden = 0;
  for (const child of children) {
    if (skipped.has(child.tagName.toLowerCase())) continue;
    const current = shape(child);
    repeats = current === previous ? repeats + 1 : 0;
    previous = current;
    if (repeats >= maxRepeats) {
      hidden += 1;
      continue;
    }
    if (hidden > 0) {
      lines.push(`${indent}  … ${hidden} more like the above`);
      hidden = 0;
    }
    walk(child, depth + 1, lines);
  }
  if (hidden > 0) lines.push(`${indent}  … ${hidden} more like the above`);
}

/**
 * "Copy page report" (PRODUCT.md 5): the page's structure for a selector fix, with none of its data. Each element
 * by tag, id, classes, role and the attributes that matter to the registry; text only where every word is a word of
 * an admin page's structure ("First Name", "Edit User"); values, names, emails and data-* values never.
 */
export function pageReport(document: Document, recognition: PageRecognition): string {
  const lines = [
    'staffsync page report (structure only: no values, names or emails)',
    `page: ${recognition.path}`,
    `reads like: ${
      [
        recognition.looksLike.usersPage ? 'the Users list' : null,
        recognition.looksLike.editUser ? 'an Edit User window' : null,
      ]
        .filter(Boolean)
        .join(', ') || 'neither the Users list nor an Edit User window'
    }`,
    '',
    'recognised:',
    ...recognition.anchors.map((anchor) => {
      const mark = anchor.status === 'found' ? '✓' : anchor.status === 'missing' ? '✗' : '–';
      const how =
        anchor.status === 'found'
          ? `${anchor.variant}${anchor.count === undefined ? '' : ` (${anchor.count})`}`
          : anchor.status === 'missing'
            ? 'not found'
            : (anchor.note ?? 'not looked for');
      const note = anchor.note && anchor.status !== 'not_looked_for' ? `; ${anchor.note}` : '';
      return `  ${mark} ${anchor.name}: ${how}${note}`;
    }),
    '',
    'structure:',
  ];
  const structure: string[] = [];
  if (document.body) walk(document.body, 1, structure);
  if (structure.length >= maxLines) structure.push(`  … cut at ${maxLines} lines`);
  return [...lines, ...structure].join('\n');
}
