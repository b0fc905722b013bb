import css from '../styles/staffsync.css?inline';

/**
 * The panels' look inside their shadow roots: the stylesheet the popup and options use, with `:root` read as
 * `:host`, after a reset so the page's CSS never reaches in. Host display comes from the host's data attribute.
 */
const hostRules = `
:host { all: initial !important; display: block !important; }
:host([data-staffsync-display="inline"]) {
  display: inline-block !important;
  margin-left: 8px !important;
  vertical-align: middle !important;
}
:host([data-staffsync-display="contents"]) { display: contents !important; }
`;

let sheet: CSSStyleSheet | null = null;

/**
 * One constructable stylesheet shared by every shadow root the content script makes (adoptedStyleSheets): parsed
 * once, held once, however many rows carry a badge.
 */
export function sharedStyleSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`${hostRules}\n${css.replaceAll(':root', ':host')}`);
  }
  return sheet;
}
