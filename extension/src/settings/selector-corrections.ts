import { storage } from '#imports';
import { type Corrections, correctionsSchema } from '../page/anchors.ts';

/**
 * The administrator's selector corrections (PRODUCT.md 5, options, advanced), in `local` beside the token: content
 * scripts cannot read it (restrict-storage-to-extension.ts), so they get it from the background by message.
 */
export const correctionsItem = storage.defineItem<Record<string, string>>('local:selectorCorrections', {
  fallback: {},
});

export async function readCorrections(): Promise<Corrections> {
  const parsed = correctionsSchema.safeParse(await correctionsItem.getValue());
  return parsed.success ? parsed.data : {};
}

export async function saveCorrections(corrections: Corrections): Promise<void> {
  await correctionsItem.setValue(correctionsSchema.parse(corrections));
}
