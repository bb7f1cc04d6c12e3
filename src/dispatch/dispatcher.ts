import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import type { MessageRow, ProviderConnectionRow } from '../db/schema.js';
import { applyStatusReport, type StatusChange } from '../domain/messages/apply-status.js';
import { claimDueMessages, nextDueAt, updateMessage } from '../domain/messages/store.js';
import type { Logger } from '../logger.js';
import { failAll, type OutboundMessage, type ProviderAdapter, type SendOutcome } from '../providers/adapter.js';
import { backoffDelayMs } from './backoff.js';
import { routeMessages } from './routing.js';

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  adapterFor: (connection: ProviderConnectionRow) => ProviderAdapter;
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

const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Sends due messages: claims a batch, groups it by connection, hands each group to its provider
 * in batches the provider accepts, records every outcome, repeats. Idle, it sleeps until the next
 * message falls due or `wake()` says new work arrived.
 */
export function createDispatcher(options: DispatcherOptions) {
  const { db, clock, log, adapterFor, publish } = options;
  const { batchSize = 50, leaseMs = 30_000, maxAttempts = 5, retryBaseMs = 1_000, retryMaxMs = 60_000, idleMs = 5_000 } = options;
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: () => void = () => {};
  let woken = false;

  const record = async (message: MessageRow, outcome: SendOutcome, scheduledThere: boolean) => {
    const at = clock.now();
    const done = { nextAttemptAt: null, leaseExpiresAt: null };
    if (outcome.ok) {
      const handedOver = { ...done, providerMessageId: outcome.providerMessageId, errorCode: null, errorMessage: null };
      // Scheduled at the provider: still SCHEDULED here until the provider reports it sent.
      const status = scheduledThere ? null : 'SENT';
      return applyStatusReport(db, message.id, { status, providerStatus: outcome.providerStatus, at }, handedOver);
    }
    const { error } = outcome;
    if (error.retryable && message.attempts < maxAttempts) {
      const delay = Math.max(backoffDelayMs(message.attempts, retryBaseMs, retryMaxMs), error.retryAfterMs ?? 0);
      await updateMessage(db, message.id, { nextAttemptAt: new Date(at.getTime() + delay).toISOString(), leaseExpiresAt: null, errorCode: error.code, errorMessage: error.message });
      return undefined;
    }
    const reason = error.retryable ? `${error.message} (gave up after ${message.attempts} attempts)` : error.message;
    return applyStatusReport(db, message.id, { status: 'FAILED', providerStatus: error.providerStatus, at, error: { code: error.code, message: reason } }, done);
  };

  const toOutbound = (message: MessageRow, now: Date): OutboundMessage => {
    const sendAt = message.scheduledAt ? new Date(message.scheduledAt) : null;
    return { id: message.id, to: message.to, sender: message.sender, body: message.body, sendAt: sendAt && sendAt > now ? sendAt : null, otp: message.otp };
  };

  const handOver = async (adapter: ProviderAdapter, batch: MessageRow[]) => {
    const now = clock.now();
    const outbound = batch.map((message) => toOutbound(message, now));
    for (const message of batch.filter((m, i) => m.status === 'SCHEDULED' && !outbound[i]!.sendAt)) {
      const queued = await applyStatusReport(db, message.id, { status: 'QUEUED', at: now });
      if (queued) publish(queued);
    }
    let outcomes: SendOutcome[];
    try {
      outcomes = await adapter.send(outbound);
    } catch (error) {
      // An adapter that throws (a fault it did not map) is treated as an outage: retried.
      outcomes = failAll(outbound, { code: 'PROVIDER_UNAVAILABLE', message: (error as Error).message, retryable: true });
    }
    await Promise.all(
      batch.map(async (message, i) => {
        const change = await record(message, outcomes[i] ?? { ok: false, error: { code: 'PROVIDER_UNAVAILABLE', message: 'the adapter gave no outcome', retryable: true } }, Boolean(outbound[i]!.sendAt));
        if (change) publish(change);
      }),
    );
  };

  const dispatch = async (claimed: MessageRow[]) => {
    const groups = await routeMessages(db, claimed, adapterFor);
    await Promise.all(
      groups.map(async (group) => {
        if (!group.ok) {
          await Promise.all(group.messages.map((message) => record(message, { ok: false, error: group.error }, false).then((change) => change && publish(change))));
          return;
        }
        for (const batch of chunk(group.messages, group.adapter.capabilities.maxBatchSize)) {
          await handOver(group.adapter, batch).catch((error) => log.error({ err: error, connectionId: group.connection.id }, 'dispatch failed'));
        }
      }),
    );
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
          await dispatch(claimed);
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
