import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import type { MessageRow } from '../db/schema.js';
import { applyStatusReport, type StatusChange } from '../domain/messages/apply-status.js';
import { claimDueMessages, nextDueAt, updateMessage } from '../domain/messages/store.js';
import type { Logger } from '../logger.js';
import type { ProviderAdapter, SendResult } from '../providers/adapter.js';
import { backoffDelayMs } from './backoff.js';

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  adapterFor: (message: MessageRow) => ProviderAdapter;
  publish: (change: StatusChange) => void;
  batchSize?: number;
  /** How long a claim holds: a dispatcher that dies mid-batch loses its rows for this long at most. */
  leaseMs?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** The longest an idle dispatcher sleeps without a wake-up (covers other instances' inserts). */
  idleMs?: number;
}

/**
 * Sends due messages: claims a batch, hands each to its provider, records the outcome, repeats.
 * Idle, it sleeps until the next message falls due or `wake()` says new work arrived.
 */
export function createDispatcher(options: DispatcherOptions) {
  const { db, clock, log, adapterFor, publish } = options;
  const { batchSize = 50, leaseMs = 30_000, maxAttempts = 5, retryBaseMs = 1_000, retryMaxMs = 60_000, idleMs = 5_000 } = options;
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: () => void = () => {};
  let woken = false;

  const record = async (message: MessageRow, result: SendResult) => {
    const at = clock.now();
    const done = { nextAttemptAt: null, leaseExpiresAt: null };
    if (result.ok) {
      return applyStatusReport(db, message.id, { status: 'SENT', providerStatus: result.providerStatus, at }, {
        ...done,
        providerMessageId: result.providerMessageId,
        errorCode: null,
        errorMessage: null,
      });
    }
    const { error } = result;
    if (error.retryable && message.attempts < maxAttempts) {
      const retryAt = new Date(at.getTime() + backoffDelayMs(message.attempts, retryBaseMs, retryMaxMs));
      await updateMessage(db, message.id, { nextAttemptAt: retryAt.toISOString(), leaseExpiresAt: null, errorCode: error.code, errorMessage: error.message });
      return undefined;
    }
    const reason = error.retryable ? `${error.message} (gave up after ${message.attempts} attempts)` : error.message;
    return applyStatusReport(db, message.id, { status: 'FAILED', providerStatus: error.providerStatus, at, error: { code: error.code, message: reason } }, done);
  };

  const handOver = async (message: MessageRow): Promise<SendResult> => {
    if (!message.connectionId) {
      return { ok: false, error: { code: 'REJECTED', message: 'the account has no enabled provider connection', retryable: false } };
    }
    const outbound = { id: message.id, connectionId: message.connectionId, to: message.to, sender: message.sender, body: message.body };
    try {
      return await adapterFor(message).send(outbound);
    } catch (error) {
      // An adapter that throws (a network fault it did not map) is treated as an outage: retried.
      return { ok: false, error: { code: 'PROVIDER_UNAVAILABLE', message: (error as Error).message, retryable: true } };
    }
  };

  const deliver = async (message: MessageRow) => {
    if (message.status === 'SCHEDULED') {
      const queued = await applyStatusReport(db, message.id, { status: 'QUEUED', at: clock.now() });
      if (queued) publish(queued);
    }
    const change = await record(message, await handOver(message));
    if (change) publish(change);
  };

  const sleep = async () => {
    const next = await nextDueAt(db).catch(() => undefined);
    if (woken) return void (woken = false);
    const delay = next ? Math.max(0, Math.min(idleMs, next.getTime() - clock.now().getTime())) : idleMs;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      wakeUp = () => (clearTimeout(timer), resolve());
    });
    wakeUp = () => {};
    woken = false;
  };

  const run = async () => {
    while (running) {
      try {
        const claimed = await claimDueMessages(db, clock.now(), batchSize, leaseMs);
        if (claimed.length > 0) {
          await Promise.all(claimed.map((message) => deliver(message).catch((error) => log.error({ err: error, messageId: message.id }, 'dispatch failed'))));
          continue;
        }
      } catch (error) {
        log.error({ err: error }, 'could not claim due messages');
      }
      if (running) await sleep();
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    /** New work is due now: stop sleeping. */
    wake() {
      woken = true;
      wakeUp();
    },
    async stop() {
      running = false;
      wakeUp();
      await loop;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
