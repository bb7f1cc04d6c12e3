import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { messages, type MessageRow } from '../../db/schema.js';
import { insertEvents, lockMessage, updateMessage, type NewMessage } from './store.js';
import { isFinal, movesForward, STATUS_TIMESTAMP, type MessageStatus } from './status.js';

/** What a provider said about one message: from a webhook, a status poll, or the sandbox. */
export interface StatusReport {
  /** null: the provider's status means no change here (pending, queued); recorded only. */
  status: MessageStatus | null;
  /** The provider's own status code or text, kept on the event. */
  providerStatus?: string | null;
  at: Date;
  error?: { code: string; message: string };
}

export interface StatusChange {
  message: MessageRow;
  status: MessageStatus;
  previousStatus: MessageStatus;
  at: string;
}

/** Fields that change with the status; callers add their own (provider id, next attempt...). */
export function statusFields(status: MessageStatus, at: string, error?: StatusReport['error']): Partial<NewMessage> {
  const stamp = status in STATUS_TIMESTAMP ? { [STATUS_TIMESTAMP[status as keyof typeof STATUS_TIMESTAMP]]: at } : {};
  // A final status needs no more polling.
  const polling = isFinal(status) ? { nextPollAt: null } : {};
  return { status, ...stamp, ...polling, ...(error ? { errorCode: error.code, errorMessage: error.message } : {}) };
}

/**
 * Records the report in the message's history and moves its status if, and only if, that is
 * forward. Returns the change to publish, or undefined when the status stayed as it was.
 */
export async function applyStatusReport(
  db: Db,
  messageId: string,
  report: StatusReport,
  extra: Partial<NewMessage> = {},
): Promise<StatusChange | undefined> {
  return db.transaction(async (tx) => {
    const message = await lockMessage(tx, messageId);
    if (!message) return undefined;
    const previousStatus = message.status as MessageStatus;
    const status = report.status ?? previousStatus;
    const applied = movesForward(previousStatus, status);
    const at = report.at.toISOString();
    await insertEvents(tx, [{ id: newId(), messageId, status, providerStatus: report.providerStatus ?? null, applied, at }]);
    if (!applied) {
      if (report.status === null && Object.keys(extra).length > 0) await updateMessage(tx, messageId, extra);
      return undefined;
    }
    const updated = await updateMessage(tx, messageId, { ...statusFields(status, at, report.error), ...extra });
    return { message: updated, status, previousStatus, at };
  });
}

export async function findMessageIdByProviderId(db: Db, connectionId: string, providerMessageId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.connectionId, connectionId), eq(messages.providerMessageId, providerMessageId)));
  return row?.id;
}
