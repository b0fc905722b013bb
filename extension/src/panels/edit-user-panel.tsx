import { definePanel } from '../content/define-panel.ts';
import { EditUserWindow } from '../edit-user/edit-user-window.tsx';

/**
 * Edit User window: the staffsync panel above the Update button, markers on the synced fields and a warning under
 * one being edited (PRODUCT.md 5). One instance per window on screen; it follows the window as it changes.
 */
export default definePanel({
  id: 'edit-user-panel',
  findAnchors: (document, selectors) => selectors.editUserDialogs(document).found,
  // Inside the window (a modal makes everything outside it inert), above the row holding Update.
  place: (dialog, host, selectors) => {
    const row = selectors.updateButton(dialog).found[0]?.parentElement;
    if (row && row !== dialog && dialog.contains(row)) row.before(host);
    else dialog.append(host);
  },
  render: (dialog, context) => <EditUserWindow dialog={dialog} context={context} />,
});
