import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { addMilliseconds, HOUR } from '../../db/timestamps.js';
import { fail, type Result } from '../result.js';
import { validateInput } from '../validation.js';
import type { Viewer } from '../viewer.js';
import { expiresInDays, issueApiKey, scopesNotHeld, type IssuedApiKey } from './create.js';
import type { ApiKeyRow } from '../../db/schema.js';
import { apiKeyStatus } from './status.js';
import { findApiKey, updateApiKey } from './store.js';

const rotateInput = z.object({
  id: z.string(),
  expiresInDays,
  gracePeriodHours: z
    .number()
    .int()
    .min(0, 'must be between 0 and 168 hours')
    .max(168, 'must be between 0 and 168 hours')
    .default(24),
});

export type RotateApiKeyInput = z.input<typeof rotateInput>;

export interface RotatedApiKey extends IssuedApiKey {
  /** The key that was rotated, now ROTATING until its grace period ends (or REVOKED if it had none). */
  previous: ApiKeyRow;
}

/** Issues a replacement with the same name and scopes; the old key works until the grace period ends. */
export async function rotateApiKey(db: Db, clock: Clock, viewer: Viewer, input: RotateApiKeyInput): Promise<Result<RotatedApiKey>> {
  const parsed = validateInput(rotateInput, input);
  if (!parsed.ok) return parsed;
  const { id, gracePeriodHours } = parsed.value;
  return db.transaction(async (tx) => {
    const now = clock.now();
    const key = await findApiKey(tx, viewer.accountId, id, true);
    if (!key) return fail(['input', 'id'], 'NOT_FOUND', 'no API key with this ID exists in your account');
    if (key.replacedBy) return fail(['input', 'id'], 'KEY_ALREADY_ROTATED', 'this key was already rotated; rotate its replacement instead');
    const status = apiKeyStatus(key, now);
    if (status === 'REVOKED') return fail(['input', 'id'], 'KEY_REVOKED', 'a revoked key cannot be rotated; create a new key instead');
    if (status === 'EXPIRED') return fail(['input', 'id'], 'KEY_EXPIRED', 'an expired key cannot be rotated; create a new key instead');
    const missing = scopesNotHeld(viewer, key.scopes as Viewer['scopes']);
    if (missing.length > 0) {
      return fail(['input', 'id'], 'SCOPE_NOT_HELD', `cannot rotate a key with ${missing.map((s) => `"${s}"`).join(', ')}: the API key making this request does not hold that scope`);
    }
    const issued = await issueApiKey(tx, clock, {
      accountId: key.accountId,
      name: key.name,
      scopes: key.scopes as Viewer['scopes'],
      expiresInDays: parsed.value.expiresInDays,
    });
    const previous = await updateApiKey(tx, key.id, {
      replacedBy: issued.apiKey.id,
      revokedAt: addMilliseconds(now, gracePeriodHours * HOUR),
    });
    return { ok: true, ...issued, previous };
  });
}
