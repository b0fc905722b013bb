import { createContext, type ReactNode, useContext } from 'react';
import { type StoreApi, useStore } from 'zustand';

/**
 * A React context for one kind of zustand store (STYLE.md 10): each mounted panel makes its own store with
 * `createStore` and provides it, so tests build a fresh one instead of resetting a global.
 */
export function createStoreContext<S>(name: string) {
  const Context = createContext<StoreApi<S> | null>(null);
  Context.displayName = name;

  function Provider({ store, children }: { store: StoreApi<S>; children: ReactNode }) {
    return <Context.Provider value={store}>{children}</Context.Provider>;
  }

  function useStoreValue<T>(selector: (state: S) => T): T {
    const store = useContext(Context);
    if (!store) throw new Error(`${name} is used outside its provider`);
    return useStore(store, selector);
  }

  return { Provider, useStoreValue };
}
