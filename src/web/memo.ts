import type { Store } from '../store/types.js';

/*
 * What the pages read from the store, kept until the store changes. Several
 * people on the home page, or a script polling the API, would otherwise each
 * re-read the fleet's problems and counts (bench/web.ts). Every value is
 * labelled with the store's version read *before* it (Conn.version), so a
 * kept value is never older than what a fresh read would return; anything
 * that depends on the clock (covers, due dates) is computed per request.
 */

export interface Reads {
  /** `load()` once per store version and configuration; a failed load is not kept. */
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
}

interface Kept {
  version: string;
  scope: object;
  value: Promise<unknown>;
}

const kept = new WeakMap<Store, Map<string, Kept>>();

/** The reads of one request against `store` under `scope` (the configuration: a reload starts afresh). */
export async function reads(store: Store, scope: object): Promise<Reads> {
  const version = await store.conn.version();
  let byKey = kept.get(store);
  if (!byKey) {
    byKey = new Map();
    kept.set(store, byKey);
  }
  const cache = byKey;
  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const hit = cache.get(key);
      if (hit && hit.version === version && hit.scope === scope) return hit.value as Promise<T>;
      const value = load();
      const entry = { version, scope, value };
      cache.set(key, entry);
      value.catch(() => {
        if (cache.get(key) === entry) cache.delete(key);
      });
      return value;
    },
  };
}
