/** The store reached through a context, so components select what they need and nothing is passed down. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { AtlasState, AtlasStore } from './store';

const StoreContext = createContext<AtlasStore | null>(null);

export function AtlasProvider({ store, children }: { store: AtlasStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useAtlasStore(): AtlasStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAtlas outside AtlasProvider');
  return store;
}

/** One value of the store; the component re-renders when it changes (by identity). */
export function useAtlas<T>(selector: (state: AtlasState) => T): T {
  return useStore(useAtlasStore(), selector);
}

/** Several values at once (an object or array compared item by item). */
export function useAtlasShallow<T>(selector: (state: AtlasState) => T): T {
  return useStore(useAtlasStore(), useShallow(selector));
}
