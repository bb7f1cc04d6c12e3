import type { AccountRow, ApiKeyRow } from '../../db/schema.js';

export type FoundKey = { key: ApiKeyRow; account: AccountRow };

/**
 * Keys read in the last `ttlMs`, by secret hash, so a burst of requests with one key reads it
 * once. Expiry is still checked on every request; revoking or rotating a key forgets it on this
 * instance at once, and other instances within `ttlMs` (the same bound as their socket re-check).
 */
export function createAuthCache(ttlMs: number, maxEntries = 10_000) {
  const entries = new Map<string, { found: FoundKey; at: number }>();
  return {
    get(hash: string, nowMs: number): FoundKey | undefined {
      const entry = entries.get(hash);
      if (entry && nowMs - entry.at <= ttlMs) return entry.found;
      if (entry) entries.delete(hash);
      return undefined;
    },
    set(hash: string, found: FoundKey, nowMs: number): void {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(hash, { found, at: nowMs });
    },
    forget(apiKeyId: string): void {
      for (const [hash, entry] of entries) if (entry.found.key.id === apiKeyId) entries.delete(hash);
    },
  };
}

export type AuthCache = ReturnType<typeof createAuthCache>;
