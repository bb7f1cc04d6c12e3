import { isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { isUuid, newId } from '../../db/ids.js';
import type { AccountRow } from '../../db/schema.js';
import { issueApiKey, type IssuedApiKey } from '../api-keys/create.js';
import { SCOPES } from '../api-keys/scopes.js';
import { createSandboxConnection } from '../providers/store.js';
import { fail, type Result } from '../result.js';
import { validateInput } from '../validation.js';
import { countAccounts, findAccountById, findAccountByName, insertAccount } from './store.js';

/** Admin keys made by the operator (first start, CLI) live the longest the API allows. */
export const ADMIN_KEY_EXPIRES_IN_DAYS = 365;

const accountName = z.string().trim().min(1, 'must not be blank').max(100, 'must be at most 100 characters');

export interface NewAccount {
  account: AccountRow;
  adminKey: IssuedApiKey;
}

export async function issueAdminKey(db: Db, clock: Clock, accountId: string, name = 'Admin key'): Promise<IssuedApiKey> {
  return issueApiKey(db, clock, { accountId, name, scopes: SCOPES, expiresInDays: ADMIN_KEY_EXPIRES_IN_DAYS });
}

/** Creates an account with an admin key holding every scope. */
export async function createAccount(db: Db, clock: Clock, name: string, defaultCountry?: string): Promise<Result<NewAccount>> {
  const parsed = validateInput(accountName, name, ['name']);
  if (!parsed.ok) return parsed;
  const country = defaultCountry?.toUpperCase();
  if (country !== undefined && !isSupportedCountry(country)) {
    return fail(['country'], 'INVALID_VALUE', `"${defaultCountry}" is not an ISO 3166 country code such as RO or GB`);
  }
  const taken = () => fail(['name'], 'INVALID_VALUE', `an account named "${parsed.value}" already exists`);
  // The check reads first for a clear answer; the unique index settles two creations racing.
  const created = db.transaction(async (tx): Promise<Result<NewAccount>> => {
    if (await findAccountByName(tx, parsed.value)) return taken();
    const account = await insertAccount(tx, { id: newId(), name: parsed.value, defaultCountry: country ?? null });
    await createSandboxConnection(tx, account.id);
    return { ok: true, account, adminKey: await issueAdminKey(tx, clock, account.id) };
  });
  return created.catch((error: unknown) => (isUniqueViolation(error) ? taken() : Promise.reject(error)));
}

/** On the very first start there is no account yet: make one, so a new user has a key to try. */
export async function bootstrapFirstAccount(db: Db, clock: Clock): Promise<NewAccount | undefined> {
  if ((await countAccounts(db)) > 0) return undefined;
  const created = await createAccount(db, clock, 'Default account');
  return created.ok ? created : undefined;
}

export async function findAccountByIdOrName(db: Db, idOrName: string): Promise<AccountRow | undefined> {
  return (isUuid(idOrName) ? await findAccountById(db, idOrName) : undefined) ?? findAccountByName(db, idOrName);
}
