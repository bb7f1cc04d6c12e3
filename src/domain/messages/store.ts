import { and, count, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { bulkSends, messageEvents, messages, type BulkSendRow, type MessageEventRow, type MessageRow } from '../../db/schema.js';

export type NewMessage = typeof messages.$inferInsert;

export async function insertMessages(db: Db, rows: NewMessage[]): Promise<MessageRow[]> {
  if (rows.length === 0) return [];
  return db.insert(messages).values(rows).returning();
}

export async function insertEvents(db: Db, rows: Array<typeof messageEvents.$inferInsert>): Promise<void> {
  if (rows.length > 0) await db.insert(messageEvents).values(rows);
}

export async function findMessagesByIds(db: Db, accountId: string, ids: readonly string[]): Promise<MessageRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(messages).where(and(eq(messages.accountId, accountId), inArray(messages.id, [...ids])));
}

export async function lockMessage(db: Db, id: string): Promise<MessageRow | undefined> {
  const [row] = await db.select().from(messages).where(eq(messages.id, id)).for('update');
  return row;
}

export async function updateMessage(db: Db, id: string, changes: Partial<NewMessage>): Promise<MessageRow> {
  const [row] = await db.update(messages).set(changes).where(eq(messages.id, id)).returning();
  return row!;
}

export async function findEventsByMessageIds(db: Db, ids: readonly string[]): Promise<MessageEventRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(messageEvents)
    .where(inArray(messageEvents.messageId, [...ids]))
    .orderBy(messageEvents.at, messageEvents.id);
}

/**
 * Takes up to `limit` due messages for this dispatcher: rows another instance holds are skipped,
 * and the lease makes rows of a dispatcher that died due again once it runs out.
 */
export async function claimDueMessages(db: Db, now: Date, limit: number, leaseMs: number): Promise<MessageRow[]> {
  const at = now.toISOString();
  const due = db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        lte(messages.nextAttemptAt, at),
        or(isNull(messages.leaseExpiresAt), lte(messages.leaseExpiresAt, at)),
        inArray(messages.status, ['QUEUED', 'SCHEDULED']),
      ),
    )
    .orderBy(messages.nextAttemptAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(messages)
    .set({ leaseExpiresAt: new Date(now.getTime() + leaseMs).toISOString(), attempts: sql`${messages.attempts} + 1` })
    .where(inArray(messages.id, due))
    .returning();
}

/** Moves the lease of claimed rows still waiting for their hand-over (finished rows have none). */
export async function extendLeases(db: Db, ids: string[], until: Date): Promise<void> {
  await db
    .update(messages)
    .set({ leaseExpiresAt: until.toISOString() })
    .where(and(inArray(messages.id, ids), isNotNull(messages.leaseExpiresAt)));
}

/** When the next message falls due, so an idle dispatcher sleeps exactly until then. */
export async function nextDueAt(db: Db): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: sql<string | null>`min(greatest(${messages.nextAttemptAt}, coalesce(${messages.leaseExpiresAt}, ${messages.nextAttemptAt})))` })
    .from(messages)
    .where(isNotNull(messages.nextAttemptAt));
  return row?.at ? new Date(row.at) : undefined;
}

export async function findBulkSend(db: Db, accountId: string, id: string): Promise<BulkSendRow | undefined> {
  const [row] = await db.select().from(bulkSends).where(and(eq(bulkSends.accountId, accountId), eq(bulkSends.id, id)));
  return row;
}

export async function findBulkSendsByIds(db: Db, accountId: string, ids: readonly string[]): Promise<BulkSendRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(bulkSends).where(and(eq(bulkSends.accountId, accountId), inArray(bulkSends.id, [...ids])));
}

/** How many of each bulk send's messages are in each status. */
export async function countBulkStatuses(db: Db, bulkIds: readonly string[]): Promise<Array<{ bulkId: string; status: string; n: number }>> {
  if (bulkIds.length === 0) return [];
  const rows = await db
    .select({ bulkId: messages.bulkId, status: messages.status, n: count() })
    .from(messages)
    .where(inArray(messages.bulkId, [...bulkIds]))
    .groupBy(messages.bulkId, messages.status);
  return rows.map((row) => ({ bulkId: row.bulkId!, status: row.status, n: row.n }));
}
