import { definePanel } from '../content/define-panel.ts';
import { EditUserPanel, UnknownUserPanel } from '../edit-user/edit-user-panel.tsx';
import { readEditUser } from '../page/read-edit-user.ts';
import { selectors } from '../page/selectors.ts';

/**
 * Edit User pop-up: the staffsync panel above the Update button, markers on the synced fields and a warning under
 * one being edited (PRODUCT.md 5). Mounted once the pop-up has loaded its fields; it knows the user by the Reference
 * and Email the pop-up opened with.
 */
export default definePanel({
  id: 'edit-user-panel',
  findAnchors: (document) =>
    selectors.editUserDialogs(document).filter((dialog) => readEditUser(dialog)?.key),
  // Inside the pop-up: a modal dialog makes everything outside it inert.
  place: (dialog, host) => {
    const actions = readEditUser(dialog)?.actions;
    if (actions) actions.before(host);
    else dialog.append(host);
  },
  render: (dialog, context) => {
    const form = readEditUser(dialog);
    if (!form) return null;
    return form.key ? (
      <EditUserPanel form={{ ...form, key: form.key }} context={context} />
    ) : (
      <UnknownUserPanel />
    );
  },
});
