import { and, eq, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { messages, type MessageRow } from '../../db/schema.js';
import type { ProviderResult } from '../../providers/adapter.js';
import { fail, type Result } from '../result.js';
import type { Viewer } from '../viewer.js';
import { applyStatusReport, type StatusChange } from './apply-status.js';
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
          // Scheduled at the provider: only the provider can cancel it (cancelScheduledAtProvider).
          isNull(messages.providerMessageId),
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

/** Asks the message's provider to drop a message it holds for a send time. */
export type CancelAtProvider = (message: MessageRow) => Promise<ProviderResult<object>>;

const scheduledAtProvider = (message: MessageRow) => message.status === 'SCHEDULED' && message.providerMessageId !== null;

async function cancelScheduledAtProvider(db: Db, clock: Clock, message: MessageRow, cancelAtProvider: CancelAtProvider): Promise<Result<{ changes: StatusChange[] }>> {
  const answer = await cancelAtProvider(message);
  if (!answer.ok) {
    const { error } = answer;
    if (error.code === 'NOT_CANCELLABLE' || error.code === 'NOT_SUPPORTED') return notCancellable('id', `the provider would not cancel it: ${error.message}`);
    return fail(['input', 'id'], 'PROVIDER_ERROR', `the provider could not cancel it (${error.code}: ${error.message}); try again`);
  }
  const change = await applyStatusReport(db, message.id, { status: 'CANCELLED', providerStatus: 'cancelled', at: clock.now() });
  return { ok: true, changes: change ? [change] : [] };
}

export async function cancelMessage(db: Db, clock: Clock, viewer: Viewer, id: string, cancelAtProvider: CancelAtProvider): Promise<Result<{ changes: StatusChange[] }>> {
  const [message] = await findMessagesByIds(db, viewer.accountId, [id]);
  if (!message) return fail(['input', 'id'], 'NOT_FOUND', 'no message with this ID exists in your account');
  if (scheduledAtProvider(message)) return cancelScheduledAtProvider(db, clock, message, cancelAtProvider);
  const changes = await cancelWhere(db, clock.now(), and(eq(messages.id, id), eq(messages.accountId, viewer.accountId))!);
  if (changes.length === 0) {
    const [current] = (await findMessagesByIds(db, viewer.accountId, [id])) as MessageRow[];
    const status = current!.status;
    if (status === 'SCHEDULED' || status === 'QUEUED') return notCancellable('id', `is ${status} but being handed to a provider right now`);
    return notCancellable('id', `is ${status}: only a SCHEDULED or QUEUED message not yet handed to a provider can be cancelled`);
  }
  return { ok: true, changes };
}

/**
 * Cancels what can be: messages Switchboard still holds at once, and those scheduled at a
 * provider one by one through it (best effort: one the provider refuses stays as it is).
 */
export async function cancelBulk(db: Db, clock: Clock, viewer: Viewer, bulkId: string, cancelAtProvider: CancelAtProvider): Promise<Result<{ changes: StatusChange[] }>> {
  if (!(await findBulkSend(db, viewer.accountId, bulkId))) return fail(['input', 'bulkId'], 'NOT_FOUND', 'no bulk send with this ID exists in your account');
  const target = and(eq(messages.bulkId, bulkId), eq(messages.accountId, viewer.accountId))!;
  const changes = await cancelWhere(db, clock.now(), target);
  const atProvider = await db
    .select()
    .from(messages)
    .where(and(target, eq(messages.status, 'SCHEDULED'), isNotNull(messages.providerMessageId)));
  for (const message of atProvider) {
    const result = await cancelScheduledAtProvider(db, clock, message, cancelAtProvider);
    if (result.ok) changes.push(...result.changes);
  }
  if (changes.length === 0) return notCancellable('bulkId', 'none of its messages is still SCHEDULED or QUEUED');
  return { ok: true, changes };
}
