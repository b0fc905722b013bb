/**
 * Just enough of the accessible-name rules to find ExpenseIn's anchors the way a person (or a screen reader)
 * does: by the words on screen, not by generated class names (PRODUCT.md 5). Plain DOM, so the selectors run the
 * same on the live page and on saved copies of it.
 */

/** Text as read: white space collapsed and trimmed. */
export function textOf(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * A label as compared: case and spacing ignored, and the decorations forms add around a label dropped
 * ("Reference (optional)", "Email *", "Leave Date:", "First Name (required)", a help "?" or "ⓘ", "Ref.").
 */
export function normaliseLabel(label: string): string {
  return label
    .replace(/\((optional|required)\)/gi, '')
    .replace(/[*:?ⓘ]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '')
    .toLowerCase();
}

/**
 * A title that starts with a label and goes on with a name after a break: "Edit User: Ada Lovelace",
 * "Edit User – Ada Lovelace", "Edit User Ada Lovelace" (never "Edit Users", nor the label alone).
 */
export function labelStarts(text: string, wanted: readonly string[]): boolean {
  const normalised = normaliseLabel(text);
  return wanted.some((candidate) => {
    const label = normaliseLabel(candidate);
    return (
      normalised.length > label.length &&
      normalised.startsWith(label) &&
      /^[\s\-–—:·|,(]/.test(normalised.slice(label.length))
    );
  });
}

export function labelMatches(label: string, wanted: readonly string[]): boolean {
  const normalised = normaliseLabel(label);
  return normalised !== '' && wanted.some((candidate) => normaliseLabel(candidate) === normalised);
}

function byIds(element: Element, attribute: string): Element[] {
  const ids = (element.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean);
  const document = element.ownerDocument;
  return ids.flatMap((id) => {
    const found = document.getElementById(id);
    return found ? [found] : [];
  });
}

/** aria-labelledby, then aria-label, then a <label for>, then a wrapping <label>, then (for buttons) the text. */
export function accessibleName(element: Element): string {
  const labelledBy = byIds(element, 'aria-labelledby');
  if (labelledBy.length > 0) return labelledBy.map(textOf).join(' ');
  const ariaLabel = element.getAttribute('aria-label')?.trim();
  if (ariaLabel) return ariaLabel;
  const id = element.getAttribute('id');
  if (id) {
    const label = [...element.ownerDocument.querySelectorAll('label')].find(
      (candidate) => candidate.getAttribute('for') === id,
    );
    if (label) return textOf(label);
  }
  const wrapping = element.closest('label');
  if (wrapping) return textOf(wrapping);
  const tag = element.tagName.toLowerCase();
  if (
    tag === 'button' ||
    element.getAttribute('role') === 'button' ||
    element.getAttribute('role') === 'tab'
  ) {
    return textOf(element);
  }
  return '';
}

/** Headings inside `root`: h1-h6 and role="heading". */
export function headingsIn(root: ParentNode): Element[] {
  return [...root.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')];
}

export function buttonsIn(root: ParentNode): Element[] {
  return [...root.querySelectorAll('button, [role="button"], input[type="submit"], input[type="button"]')];
}

/** A button's name; an <input type=submit> is named by its value. */
export function buttonName(button: Element): string {
  if (button.tagName.toLowerCase() === 'input') return (button.getAttribute('value') ?? '').trim();
  return accessibleName(button) || textOf(button);
}
