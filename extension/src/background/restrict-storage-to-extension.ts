/** The part of a storage area this needs: `setAccessLevel` (Chromium; absent elsewhere and in older versions). */
export interface AccessLevelArea {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
}

/**
 * Keeps `storage.local`, where the API token lives, out of content scripts' reach (PRODUCT.md 5: the token is
 * readable by the background and extension pages only). Chromium lets `setAccessLevel` restrict `local` to trusted
 * contexts (checked on Chromium 156: a content script's `get` then fails with "Access to storage is not allowed from
 * this context"); the level persists, and setting it at every start covers an update from a version without it.
 * Content scripts never read storage: what they need (selector corrections) comes from the background by message.
 * Returns whether the restriction holds.
 */
export async function restrictStorageToExtension(area: AccessLevelArea): Promise<boolean> {
  if (typeof area.setAccessLevel !== 'function') {
    console.warn('[staffsync] this browser cannot keep extension storage from content scripts');
    return false;
  }
  try {
    await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch (error) {
    console.warn('[staffsync] could not restrict extension storage to the extension', error);
    return false;
  }
}
