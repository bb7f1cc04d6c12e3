import type { MessageRow } from '../db/schema.js';
import { claimDueMessages, extendLeases, nextDueAt } from '../domain/messages/store.js';
import { createDelivery, type DeliveryOptions } from './deliver.js';

export interface DispatcherOptions extends Omit<DeliveryOptions, 'maxAttempts' | 'retryBaseMs' | 'retryMaxMs'> {
  batchSize?: number;
  /** How long a claim holds: a dispatcher that dies mid-batch loses its rows for this long at most. */
  leaseMs?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** The longest an idle dispatcher sleeps without a wake-up (covers other instances' inserts). */
  idleMs?: number;
  /** Claimed batches with providers at once. */
  concurrency?: number;
}

/**
 * Sends due messages: claims a batch, hands it over with failover (deliver.ts), repeats. Idle,
 * it sleeps until the next message falls due or `wake()` says new work arrived.
 */
export function createDispatcher(options: DispatcherOptions) {
  const { db, clock, log } = options;
  const { batchSize = 50, leaseMs = 30_000, maxAttempts = 5, retryBaseMs = 1_000, retryMaxMs = 60_000, idleMs = 5_000, concurrency = 4 } = options;
  let running = false;
  let loop: Promise<void> | undefined;
  let wokenEarly = false;
  const sleepers = new Set<() => void>();
  const inFlight = new Set<Promise<void>>();

  const deliverClaimed = createDelivery({ ...options, maxAttempts, retryBaseMs, retryMaxMs });

  /**
   * Renews the claim while a batch is with its providers: a provider that makes us wait (its rate
   * limit, a slow answer) must not let another instance claim — and send — the same messages.
   */
  const holdingLeases = async (claimed: MessageRow[], work: () => Promise<void>) => {
    const ids = claimed.map((message) => message.id);
    const renew = setInterval(() => {
      extendLeases(db, ids, new Date(clock.now().getTime() + leaseMs)).catch((error) => log.warn({ err: error }, 'could not renew leases'));
    }, leaseMs / 3);
    try {
      await work();
    } finally {
      clearInterval(renew);
    }
  };

  /** Until the next message falls due, `wake()`, or (when given) a batch in flight finishes. */
  const sleep = async (orUntil?: Promise<unknown>) => {
    const next = await nextDueAt(db).catch(() => undefined);
    if (wokenEarly) return void (wokenEarly = false);
    const delay = next ? Math.max(0, Math.min(idleMs, next.getTime() - clock.now().getTime())) : idleMs;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, delay);
      sleepers.add(done);
      orUntil?.then(done, done);
    });
    wokenEarly = false;
  };

  /**
   * Up to `concurrency` claimed batches are with providers at once, so one provider that makes a
   * batch wait (its rate limit) does not hold up the messages of the others.
   */
  const run = async () => {
    while (running) {
      if (inFlight.size >= concurrency) {
        await Promise.race(inFlight);
        continue;
      }
      try {
        const claimed = await claimDueMessages(db, clock.now(), batchSize, leaseMs);
        if (claimed.length > 0) {
          const work: Promise<void> = holdingLeases(claimed, () => deliverClaimed(claimed))
            .catch((error) => log.error({ err: error }, 'dispatch failed'))
            .finally(() => inFlight.delete(work));
          inFlight.add(work);
          continue;
        }
      } catch (error) {
        log.error({ err: error }, 'could not claim due messages');
      }
      if (running) await sleep(inFlight.size > 0 ? Promise.race(inFlight) : undefined);
    }
    await Promise.all(inFlight);
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    /** New work is due now: stop sleeping. */
    wake() {
      wokenEarly = true;
      for (const wakeUp of [...sleepers]) wakeUp();
    },
    async stop() {
      running = false;
      for (const wakeUp of [...sleepers]) wakeUp();
      await loop;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
