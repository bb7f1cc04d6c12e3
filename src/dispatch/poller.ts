import { and, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { messages, type MessageRow, type ProviderConnectionRow } from '../db/schema.js';
import type { StatusChange } from '../domain/messages/apply-status.js';
import { updateMessage } from '../domain/messages/store.js';
import { findConnectionById } from '../domain/providers/store.js';
import type { Logger } from '../logger.js';
import type { ProviderAdapter } from '../providers/adapter.js';
import { ingestProviderReport } from '../webhooks/ingest.js';

export interface PollerOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  adapterFor: (connection: ProviderConnectionRow) => ProviderAdapter;
  publish: (change: StatusChange) => void;
  intervalMs: number;
  /** The wait before the first poll; each later one waits twice as long as the one before. */
  firstDelayMs: number;
  batchSize?: number;
  /** After this many polls with no final answer, the message is left as it is. */
  maxPolls?: number;
}

const MAX_DELAY_MS = 6 * 3_600_000;

/**
 * Asks providers for the status of messages that no report has finished: at polling providers
 * soon after sending, at pushing ones when their webhook is late. What it learns goes through the
 * webhook path (record, apply forward-only, publish), so subscribers cannot tell the difference.
 * Requests go through the same adapters, and so within each provider's rate limit.
 */
export function createPoller(options: PollerOptions) {
  const { db, clock, log, adapterFor, publish, intervalMs, firstDelayMs, batchSize = 100, maxPolls = 10 } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  /** Takes due rows for this instance: SKIP LOCKED, and the next poll time moves as a lease. */
  const claim = async (now: Date): Promise<MessageRow[]> => {
    const due = db
      .select({ id: messages.id })
      .from(messages)
      .where(and(lte(messages.nextPollAt, now.toISOString()), isNotNull(messages.providerMessageId), inArray(messages.status, ['SENT', 'SCHEDULED'])))
      .orderBy(messages.nextPollAt)
      .limit(batchSize)
      .for('update', { skipLocked: true });
    return db
      .update(messages)
      .set({ nextPollAt: new Date(now.getTime() + 60_000).toISOString(), polls: sql`${messages.polls} + 1` })
      .where(inArray(messages.id, due))
      .returning();
  };

  const pollOne = async (adapter: ProviderAdapter, message: MessageRow) => {
    const answer = await adapter.fetchStatus(message.providerMessageId!);
    const again = message.polls < maxPolls ? new Date(clock.now().getTime() + Math.min(MAX_DELAY_MS, firstDelayMs * 2 ** message.polls)).toISOString() : null;
    if (!answer.ok) {
      await updateMessage(db, message.id, { nextPollAt: answer.error.code === 'NOT_SUPPORTED' ? null : again });
      return;
    }
    const change = await ingestProviderReport(db, message.connectionId!, answer.report);
    if (change) publish(change);
    // A final status clears the poll (statusFields); otherwise ask again later.
    if (!change || change.status === 'SENT' || change.status === 'SCHEDULED' || change.status === 'QUEUED') await updateMessage(db, message.id, { nextPollAt: again });
  };

  const tick = async () => {
    const claimed = await claim(clock.now());
    const byConnection = new Map<string, MessageRow[]>();
    for (const message of claimed) byConnection.set(message.connectionId ?? '', [...(byConnection.get(message.connectionId ?? '') ?? []), message]);
    await Promise.all(
      [...byConnection].map(async ([connectionId, batch]) => {
        const connection = connectionId ? await findConnectionById(db, connectionId) : undefined;
        if (!connection || connection.disconnectedAt) {
          await Promise.all(batch.map((message) => updateMessage(db, message.id, { nextPollAt: null })));
          return;
        }
        const adapter = adapterFor(connection);
        // One at a time per connection: the adapter's limiter spaces them, and no provider is flooded.
        for (const message of batch) await pollOne(adapter, message).catch((error) => log.warn({ err: error, messageId: message.id }, 'status poll failed'));
      }),
    );
  };

  const schedule = () => {
    timer = setTimeout(() => {
      running = tick()
        .catch((error) => log.error({ err: error }, 'status polling failed'))
        .finally(() => {
          running = undefined;
          if (timer) schedule();
        });
    }, intervalMs);
  };

  return {
    start: () => schedule(),
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
