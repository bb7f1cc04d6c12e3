import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import type { ApiKeyRow } from '../../db/schema.js';
import { addMilliseconds, DAY } from '../../db/timestamps.js';
import type { Result } from '../result.js';
import { validateInput } from '../validation.js';
import type { Viewer } from '../viewer.js';
import { SCOPES, type Scope } from './scopes.js';
import { generateSecret } from './secret.js';
import { insertApiKey } from './store.js';

export const DEFAULT_EXPIRES_IN_DAYS = 90;

export const expiresInDays = z
  .number()
  .int()
  .min(1, 'must be between 1 and 365 days')
  .max(365, 'must be between 1 and 365 days')
  .default(DEFAULT_EXPIRES_IN_DAYS);

const createInput = z.object({
  name: z.string().trim().min(1, 'must not be blank').max(100, 'must be at most 100 characters'),
  scopes: z.array(z.enum(SCOPES)).min(1, 'must list at least one scope').transform((scopes) => [...new Set(scopes)]),
  expiresInDays,
});

export type CreateApiKeyInput = z.input<typeof createInput>;

export interface IssuedApiKey {
  apiKey: ApiKeyRow;
  secret: string;
}

/** Scopes the caller asked to grant but does not hold itself: a key cannot mint a stronger key. */
export const scopesNotHeld = (viewer: Viewer, scopes: readonly Scope[]) => scopes.filter((s) => !viewer.scopes.includes(s));

export async function issueApiKey(
  db: Db,
  clock: Clock,
  key: { accountId: string; name: string; scopes: readonly Scope[]; expiresInDays: number },
): Promise<IssuedApiKey> {
  const { secret, prefix, hash } = generateSecret();
  const apiKey = await insertApiKey(db, {
    id: newId(),
    accountId: key.accountId,
    name: key.name,
    prefix,
    secretHash: hash,
    scopes: [...key.scopes],
    expiresAt: addMilliseconds(clock.now(), key.expiresInDays * DAY),
  });
  return { apiKey, secret };
}

export async function createApiKey(db: Db, clock: Clock, viewer: Viewer, input: CreateApiKeyInput): Promise<Result<IssuedApiKey>> {
  const parsed = validateInput(createInput, input);
  if (!parsed.ok) return parsed;
  const missing = scopesNotHeld(viewer, parsed.value.scopes);
  if (missing.length > 0) {
    return {
      ok: false,
      errors: [
        {
          field: ['input', 'scopes'],
          code: 'SCOPE_NOT_HELD',
          message: `cannot grant ${missing.map((s) => `"${s}"`).join(', ')}: the API key making this request does not hold ${missing.length > 1 ? 'them' : 'it'}`,
        },
      ],
    };
  }
  return { ok: true, ...(await issueApiKey(db, clock, { accountId: viewer.accountId, ...parsed.value })) };
}
