import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { providerConnections, type ProviderConnectionRow } from '../../db/schema.js';

type NewConnection = typeof providerConnections.$inferInsert;

const usable = (accountId: string) =>
  and(eq(providerConnections.accountId, accountId), eq(providerConnections.enabled, true), isNull(providerConnections.disconnectedAt));

/** The connection a message goes through when the caller names none: the first enabled by priority. */
export async function findDefaultConnection(db: Db, accountId: string): Promise<ProviderConnectionRow | undefined> {
  const [row] = await db
    .select()
    .from(providerConnections)
    .where(usable(accountId))
    .orderBy(asc(providerConnections.priority), asc(providerConnections.createdAt))
    .limit(1);
  return row;
}

export async function findConnection(db: Db, accountId: string, id: string): Promise<ProviderConnectionRow | undefined> {
  const [row] = await db
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.accountId, accountId), eq(providerConnections.id, id)));
  return row;
}

/** For webhooks and the dispatcher, which know the connection but not (yet) the account. */
export async function findConnectionById(db: Db, id: string): Promise<ProviderConnectionRow | undefined> {
  const [row] = await db.select().from(providerConnections).where(eq(providerConnections.id, id));
  return row;
}

export async function findConnectionsByIds(db: Db, accountId: string, ids: readonly string[]): Promise<ProviderConnectionRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.accountId, accountId), inArray(providerConnections.id, [...ids])));
}

/** The account's connections, disconnected ones left out, in the order sends try them. */
export async function listConnections(db: Db, accountId: string): Promise<ProviderConnectionRow[]> {
  return db
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.accountId, accountId), isNull(providerConnections.disconnectedAt)))
    .orderBy(asc(providerConnections.priority), asc(providerConnections.createdAt));
}

export async function countConnections(db: Db, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(providerConnections)
    .where(and(eq(providerConnections.accountId, accountId), isNull(providerConnections.disconnectedAt)));
  return row?.n ?? 0;
}

export async function insertConnection(db: Db, values: NewConnection): Promise<ProviderConnectionRow> {
  const [row] = await db.insert(providerConnections).values(values).returning();
  return row!;
}

export async function updateConnection(db: Db, id: string, values: Partial<NewConnection>): Promise<ProviderConnectionRow> {
  const [row] = await db.update(providerConnections).set(values).where(eq(providerConnections.id, id)).returning();
  return row!;
}

/** Every account starts with the built-in sandbox, so the whole flow works without credentials. */
export async function createSandboxConnection(db: Db, accountId: string): Promise<ProviderConnectionRow> {
  return insertConnection(db, { id: newId(), accountId, kind: 'SANDBOX', label: 'Sandbox', priority: 1000 });
}
