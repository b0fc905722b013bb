import { h } from './dom.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2027-01-31" -> "31/01/2027" (the material skin shows UK dates); anything else as it is. @param {string | null} iso */
export function toDisplayDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (iso ?? '');
}

/**
 * "31/01/2027" (or "31/1/2027") -> "2027-01-31"; "" -> null; undefined when it is no date.
 * @param {string} text
 * @returns {string | null | undefined}
 */
export function parseDisplayDate(text) {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * A dd/mm/yyyy date field with a calendar button, as material date pickers draw it. Picking a day writes the input's
 * value the way a framework binding does: as a property, with no input event.
 *
 * @param {{ input: HTMLInputElement, onPick: (iso: string | null) => void }} options
 */
export function attachDatePicker({ input, onPick }) {
  /** @type {HTMLElement | null} */
  let calendar = null;

  const close = () => {
    calendar?.remove();
    calendar = null;
    toggle.setAttribute('aria-expanded', 'false');
  };

  /** @param {string} iso */
  const pick = (iso) => {
    input.value = toDisplayDate(iso);
    onPick(iso);
    close();
    input.focus();
  };

  const open = () => {
    const current = parseDisplayDate(input.value) ?? new Date().toISOString().slice(0, 10);
    const [year, month] = current.split('-').map(Number);
    calendar = renderMonth(/** @type {number} */ (year), /** @type {number} */ (month), current, pick, close);
    toggle.after(calendar);
    toggle.setAttribute('aria-expanded', 'true');
    /** @type {HTMLElement | null} */ (calendar.querySelector('[aria-current="date"], button'))?.focus();
  };

  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'mat-icon-button mat-datepicker-toggle',
      'aria-label': 'Open calendar',
      'aria-expanded': 'false',
      onclick: () => (calendar ? close() : open()),
    },
    '▦',
  );
  return toggle;
}

/**
 * @param {number} year @param {number} month 1-12 @param {string} selected ISO
 * @param {(iso: string) => void} pick @param {() => void} close
 */
function renderMonth(year, month, selected, pick, close) {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (/** @type {number} */ value) => String(value).padStart(2, '0');
  const buttons = Array.from({ length: days }, (_, index) => {
    const iso = `${year}-${pad(month)}-${pad(index + 1)}`;
    return h(
      'button',
      {
        type: 'button',
        class: 'mat-calendar-day',
        'aria-current': iso === selected ? 'date' : null,
        'aria-label': `${index + 1} ${MONTHS[month - 1]} ${year}`,
        onclick: () => pick(iso),
      },
      String(index + 1),
    );
  });
  const calendar = h(
    'div',
    { class: 'mat-calendar', role: 'dialog', 'aria-label': 'Choose a date' },
    h('p', { class: 'mat-calendar-month' }, `${MONTHS[month - 1]} ${year}`),
    h('div', { class: 'mat-calendar-days' }, ...buttons),
  );
  calendar.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  });
  return calendar;
}
