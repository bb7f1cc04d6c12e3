import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { toIsoTimestamp } from '../../db/timestamps.js';
import type { Viewer } from '../viewer.js';
import type { AuthCache } from './auth-cache.js';
import { isScope } from './scopes.js';
import { hashSecret, isWellFormedSecret } from './secret.js';
import { apiKeyStatus, isUsable } from './status.js';
import { findApiKeyByHash, touchApiKey } from './store.js';

/** lastUsedAt is kept to the minute: at most one write per key per minute, not one per request. */
export const LAST_USED_PRECISION_MS = 60_000;

export type Authentication = { ok: true; viewer: Viewer } | { ok: false; message: string };

export async function authenticate(db: Db, clock: Clock, secret: string, cache?: AuthCache): Promise<Authentication> {
  if (!isWellFormedSecret(secret)) {
    return { ok: false, message: 'The API key is malformed: check that it was copied whole (keys start with "sb_" and end with a checksum).' };
  }
  const now = clock.now();
  const hash = hashSecret(secret);
  let found = cache?.get(hash, now.getTime());
  if (!found) {
    found = await findApiKeyByHash(db, hash);
    if (!found) return { ok: false, message: 'The API key is not recognised.' };
    cache?.set(hash, found, now.getTime());
  }
  const { key, account } = found;
  const status = apiKeyStatus(key, now);
  if (!isUsable(status)) {
    const when = status === 'EXPIRED' ? key.expiresAt : key.revokedAt!;
    return { ok: false, message: `The API key ${status === 'EXPIRED' ? 'expired' : 'was revoked'} at ${toIsoTimestamp(when)}.` };
  }
  if (!key.lastUsedAt || now.getTime() - new Date(key.lastUsedAt).getTime() >= LAST_USED_PRECISION_MS) {
    await touchApiKey(db, key.id, now, LAST_USED_PRECISION_MS);
    key.lastUsedAt = now.toISOString();
  }
  return { ok: true, viewer: { accountId: key.accountId, account, apiKeyId: key.id, scopes: key.scopes.filter(isScope) } };
}
