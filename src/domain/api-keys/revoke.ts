import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import type { ApiKeyRow } from '../../db/schema.js';
import { fail, type Result } from '../result.js';
import type { Viewer } from '../viewer.js';
import { apiKeyStatus } from './status.js';
import { findApiKey, updateApiKey } from './store.js';

/**
 * Rejects the key from now on. Revoking a revoked key returns it unchanged, so a retried
 * request does not fail; revoking a ROTATING key ends its grace period early.
 */
export async function revokeApiKey(db: Db, clock: Clock, viewer: Viewer, id: string): Promise<Result<{ apiKey: ApiKeyRow; changed: boolean }>> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const key = await findApiKey(tx, viewer.accountId, id, true);
    if (!key) return fail(['input', 'id'], 'NOT_FOUND', 'no API key with this ID exists in your account');
    if (apiKeyStatus(key, now) === 'REVOKED') return { ok: true, apiKey: key, changed: false };
    return { ok: true, apiKey: await updateApiKey(tx, key.id, { revokedAt: now.toISOString() }), changed: true };
  });
}
