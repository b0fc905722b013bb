import editUserPanel from '../panels/edit-user-panel.tsx';
import recognitionNotice from '../panels/recognition-notice.tsx';
import usersListBadges from '../panels/users-list-badges.tsx';
import type { PanelDefinition } from './define-panel.ts';

/** Every panel, registered in this one place (STYLE.md 6); panel-registry.test.ts checks none is missing. */
export const panels: readonly PanelDefinition[] = [usersListBadges, editUserPanel, recognitionNotice];
