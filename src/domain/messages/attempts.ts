import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { messageAttempts, type MessageAttemptRow } from '../../db/schema.js';

export type NewAttempt = typeof messageAttempts.$inferInsert;

export async function insertAttempts(db: Db, rows: NewAttempt[]): Promise<void> {
  if (rows.length > 0) await db.insert(messageAttempts).values(rows);
}

export async function findAttemptsByMessageIds(db: Db, ids: readonly string[]): Promise<MessageAttemptRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(messageAttempts)
    .where(inArray(messageAttempts.messageId, [...ids]))
    .orderBy(asc(messageAttempts.at), asc(messageAttempts.id));
}
