import { and, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { messages, type MessageRow } from '../../db/schema.js';
import { fail, type Result } from '../result.js';
import type { Viewer } from '../viewer.js';
import type { StatusChange } from './apply-status.js';
import { findBulkSend, findMessagesByIds, insertEvents } from './store.js';

/**
 * Cancels what no dispatcher holds: SCHEDULED or QUEUED, with no live claim. One UPDATE decides,
 * so a message is either cancelled or handed to a provider, never both.
 */
async function cancelWhere(db: Db, now: Date, target: ReturnType<typeof eq>): Promise<StatusChange[]> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const before = await tx.select({ id: messages.id, status: messages.status }).from(messages).where(target);
    const cancelled = await tx
      .update(messages)
      .set({ status: 'CANCELLED', cancelledAt: at, nextAttemptAt: null })
      .where(
        and(
          target,
          inArray(messages.status, ['SCHEDULED', 'QUEUED']),
          or(isNull(messages.leaseExpiresAt), lte(messages.leaseExpiresAt, at)),
        ),
      )
      .returning();
    await insertEvents(tx, cancelled.map((m) => ({ id: newId(), messageId: m.id, status: 'CANCELLED', applied: true, at })));
    const previous = new Map(before.map((row) => [row.id, row.status]));
    return cancelled.map((message) => ({ message, status: 'CANCELLED' as const, previousStatus: previous.get(message.id) as 'QUEUED', at }));
  });
}

const notCancellable = (field: string, message: string) => fail(['input', field], 'NOT_CANCELLABLE', message);

export async function cancelMessage(db: Db, clock: Clock, viewer: Viewer, id: string): Promise<Result<{ changes: StatusChange[] }>> {
  const [message] = await findMessagesByIds(db, viewer.accountId, [id]);
  if (!message) return fail(['input', 'id'], 'NOT_FOUND', 'no message with this ID exists in your account');
  const changes = await cancelWhere(db, clock.now(), and(eq(messages.id, id), eq(messages.accountId, viewer.accountId))!);
  if (changes.length === 0) {
    const [current] = (await findMessagesByIds(db, viewer.accountId, [id])) as MessageRow[];
    const status = current!.status;
    if (status === 'SCHEDULED' || status === 'QUEUED') return notCancellable('id', `is ${status} but being handed to a provider right now`);
    return notCancellable('id', `is ${status}: only a SCHEDULED or QUEUED message not yet handed to a provider can be cancelled`);
  }
  return { ok: true, changes };
}

export async function cancelBulk(db: Db, clock: Clock, viewer: Viewer, bulkId: string): Promise<Result<{ changes: StatusChange[] }>> {
  if (!(await findBulkSend(db, viewer.accountId, bulkId))) return fail(['input', 'bulkId'], 'NOT_FOUND', 'no bulk send with this ID exists in your account');
  const changes = await cancelWhere(db, clock.now(), and(eq(messages.bulkId, bulkId), eq(messages.accountId, viewer.accountId))!);
  if (changes.length === 0) return notCancellable('bulkId', 'none of its messages is still SCHEDULED or QUEUED');
  return { ok: true, changes };
}
