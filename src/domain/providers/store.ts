import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { providerConnections, type ProviderConnectionRow } from '../../db/schema.js';

/** The connection a message goes through when the caller names none: the first enabled by priority. */
export async function findDefaultConnection(db: Db, accountId: string): Promise<ProviderConnectionRow | undefined> {
  const [row] = await db
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.accountId, accountId), eq(providerConnections.enabled, true)))
    .orderBy(asc(providerConnections.priority), asc(providerConnections.createdAt))
    .limit(1);
  return row;
}

export async function findConnectionsByIds(db: Db, accountId: string, ids: readonly string[]): Promise<ProviderConnectionRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.accountId, accountId), inArray(providerConnections.id, [...ids])));
}

/** Every account starts with the built-in sandbox, so the whole flow works without credentials. */
export async function createSandboxConnection(db: Db, accountId: string): Promise<ProviderConnectionRow> {
  const [row] = await db
    .insert(providerConnections)
    .values({ id: newId(), accountId, kind: 'SANDBOX', label: 'Sandbox', priority: 1000 })
    .returning();
  return row!;
}
