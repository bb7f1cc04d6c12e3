import { and, count, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { paginate, type PageArgs } from '../../db/pagination.js';
import { accounts, apiKeys, type AccountRow, type ApiKeyRow } from '../../db/schema.js';

export type NewApiKey = typeof apiKeys.$inferInsert;

export async function insertApiKey(db: Db, key: NewApiKey): Promise<ApiKeyRow> {
  const [row] = await db.insert(apiKeys).values(key).returning();
  return row!;
}

const keyByHash = (db: Db) =>
  db
    .select({ key: apiKeys, account: accounts })
    .from(apiKeys)
    .innerJoin(accounts, eq(accounts.id, apiKeys.accountId))
    .where(eq(apiKeys.secretHash, sql.placeholder('secretHash')))
    .prepare('api_key_by_hash');

// Built once per database: this query runs on every request, and a prepared statement skips
// both Drizzle's query building and PostgreSQL's planning.
const preparedKeyByHash = new WeakMap<Db, ReturnType<typeof keyByHash>>();

/** The key with this secret hash, and its account, in one query. */
export async function findApiKeyByHash(db: Db, secretHash: string): Promise<{ key: ApiKeyRow; account: AccountRow } | undefined> {
  let query = preparedKeyByHash.get(db);
  if (!query) preparedKeyByHash.set(db, (query = keyByHash(db)));
  const [row] = await query.execute({ secretHash });
  return row;
}

export async function findApiKey(db: Db, accountId: string, id: string, lock = false): Promise<ApiKeyRow | undefined> {
  const query = db.select().from(apiKeys).where(and(eq(apiKeys.accountId, accountId), eq(apiKeys.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function findApiKeysByIds(db: Db, accountId: string, ids: readonly string[]): Promise<ApiKeyRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(apiKeys).where(and(eq(apiKeys.accountId, accountId), inArray(apiKeys.id, [...ids])));
}

export function listApiKeys(db: Db, accountId: string, args: PageArgs) {
  const keyset = { at: apiKeys.createdAt, id: apiKeys.id, cursorOf: (key: ApiKeyRow) => ({ at: key.createdAt, id: key.id }) };
  return paginate(args, keyset, ({ where, orderBy, limit, params, shape }) =>
    db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.accountId, sql.placeholder('accountId')), where))
      .orderBy(...orderBy)
      .limit(limit)
      .prepare(`api_keys_page_${shape}`)
      .execute({ ...params, accountId }),
  );
}

export async function countApiKeys(db: Db, accountId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(apiKeys).where(eq(apiKeys.accountId, accountId));
  return row?.n ?? 0;
}

export async function updateApiKey(db: Db, id: string, changes: Partial<Pick<ApiKeyRow, 'revokedAt' | 'replacedBy'>>): Promise<ApiKeyRow> {
  const [row] = await db.update(apiKeys).set(changes).where(eq(apiKeys.id, id)).returning();
  return row!;
}

/** Sets last_used_at unless another request (or instance) already did within the window. */
export async function touchApiKey(db: Db, id: string, now: Date, windowMs: number): Promise<void> {
  const staleBefore = new Date(now.getTime() - windowMs).toISOString();
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now.toISOString() })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))));
}

/** Keys among `ids` that can no longer be used at `now`; used to close sockets they opened. */
export async function findUnusableApiKeyIds(db: Db, ids: readonly string[], now: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const at = now.toISOString();
  const rows = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(
      and(
        inArray(apiKeys.id, [...ids]),
        or(sql`${apiKeys.revokedAt} <= ${at}::timestamptz`, sql`${apiKeys.expiresAt} <= ${at}::timestamptz`),
      ),
    );
  return rows.map((row) => row.id);
}
