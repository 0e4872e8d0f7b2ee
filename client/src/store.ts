import { localStorageStore, type Store } from 'react-admin';

const PREFERENCES = ['locale', 'theme'];

/**
 * React-admin empties its store on logout so the next person on a shared desk sees none of
 * the previous filters or selections. The language and the light/dark choice belong to the
 * desk rather than the person, so they survive it.
 */
export function createStore(): Store {
  const base = localStorageStore(undefined, 'ClosureDesk');
  return {
    ...base,
    reset() {
      const kept = PREFERENCES.map((key) => [key, base.getItem(key)] as const);
      base.reset();
      for (const [key, value] of kept) if (value !== undefined) base.setItem(key, value);
    },
  };
}
