import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { toIsoTimestamp } from '../../db/timestamps.js';
import type { Viewer } from '../viewer.js';
import { isScope } from './scopes.js';
import { hashSecret, isWellFormedSecret } from './secret.js';
import { apiKeyStatus, isUsable } from './status.js';
import { findApiKeyByHash, touchApiKey } from './store.js';

/** lastUsedAt is kept to the minute: at most one write per key per minute, not one per request. */
export const LAST_USED_PRECISION_MS = 60_000;

export type Authentication = { ok: true; viewer: Viewer } | { ok: false; message: string };

export async function authenticate(db: Db, clock: Clock, secret: string): Promise<Authentication> {
  if (!isWellFormedSecret(secret)) {
    return { ok: false, message: 'The API key is malformed: check that it was copied whole (keys start with "sb_" and end with a checksum).' };
  }
  const found = await findApiKeyByHash(db, hashSecret(secret));
  if (!found) return { ok: false, message: 'The API key is not recognised.' };
  const { key, account } = found;
  const now = clock.now();
  const status = apiKeyStatus(key, now);
  if (!isUsable(status)) {
    const when = status === 'EXPIRED' ? key.expiresAt : key.revokedAt!;
    return { ok: false, message: `The API key ${status === 'EXPIRED' ? 'expired' : 'was revoked'} at ${toIsoTimestamp(when)}.` };
  }
  if (!key.lastUsedAt || now.getTime() - new Date(key.lastUsedAt).getTime() >= LAST_USED_PRECISION_MS) {
    await touchApiKey(db, key.id, now, LAST_USED_PRECISION_MS);
  }
  return { ok: true, viewer: { accountId: key.accountId, account, apiKeyId: key.id, scopes: key.scopes.filter(isScope) } };
}
