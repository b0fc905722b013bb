import { createStoreContext } from '../components/create-store-context.tsx';
import type { SetupState } from './create-setup-store.ts';

/** The set-up page's store, provided once by SetupApp and read by each step. */
export const { Provider: SetupStoreProvider, useStoreValue: useSetup } =
  createStoreContext<SetupState>('SetupStore');
