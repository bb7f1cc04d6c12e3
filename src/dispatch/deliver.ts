import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import type { MessageRow, ProviderConnectionRow } from '../db/schema.js';
import { applyStatusReport, type StatusChange } from '../domain/messages/apply-status.js';
import { insertAttempts, type NewAttempt } from '../domain/messages/attempts.js';
import { updateMessage } from '../domain/messages/store.js';
import { schedulesAtProvider } from '../domain/providers/route.js';
import { newId } from '../db/ids.js';
import type { Logger } from '../logger.js';
import type { OutboundMessage, ProviderAdapter, ProviderError, ProviderUsage, SendOutcome } from '../providers/adapter.js';
import { backoffDelayMs } from './backoff.js';
import type { Breakers } from './breakers.js';
import { planRoutes, type Route } from './routing.js';

export interface DeliveryOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  adapterFor: (connection: ProviderConnectionRow) => ProviderAdapter;
  breakers: Breakers;
  publish: (change: StatusChange) => void;
  /** Provider-reported usage after a send (refreshes the packages cache). */
  onUsage?: (connectionId: string, usage: ProviderUsage) => void;
  /** When to first ask the provider for status after a hand-over; null: never. */
  firstPollAt: (connection: ProviderConnectionRow, sentAt: Date) => Date | null;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

interface InFlight {
  message: MessageRow;
  candidates: ProviderConnectionRow[];
  next: number;
  lastError?: ProviderError;
}

const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Hands claimed messages to their providers with failover: each message goes to its first
 * candidate connection; a retryable failure (an outage, a limit, no credit, an open circuit)
 * sends it on to the next candidate in the same pass; a refusal of the message itself ends it.
 * When every candidate failed, it is retried later with backoff, from the first again.
 */
export function createDelivery(options: DeliveryOptions) {
  const { db, clock, log, adapterFor, breakers, publish, maxAttempts, retryBaseMs, retryMaxMs } = options;
  const done = { nextAttemptAt: null, leaseExpiresAt: null };
  const emit = (change: StatusChange | undefined) => change && publish(change);

  const fail = async (message: MessageRow, error: ProviderError) => {
    const reason = error.retryable ? `${error.message} (gave up after ${message.attempts} attempts)` : error.message;
    emit(await applyStatusReport(db, message.id, { status: 'FAILED', providerStatus: error.providerStatus, at: clock.now(), error: { code: error.code, message: reason } }, done));
  };

  const retryLater = async (message: MessageRow, error: ProviderError) => {
    if (!error.retryable || message.attempts >= maxAttempts) return fail(message, error);
    const delay = Math.max(backoffDelayMs(message.attempts, retryBaseMs, retryMaxMs), error.retryAfterMs ?? 0);
    await updateMessage(db, message.id, { nextAttemptAt: new Date(clock.now().getTime() + delay).toISOString(), leaseExpiresAt: null, errorCode: error.code, errorMessage: error.message });
  };

  const handedOver = async (message: MessageRow, connection: ProviderConnectionRow, outcome: Extract<SendOutcome, { ok: true }>, scheduledThere: boolean) => {
    const at = clock.now();
    if (outcome.usage) options.onUsage?.(connection.id, outcome.usage);
    const fields = { ...done, connectionId: connection.id, providerMessageId: outcome.providerMessageId, errorCode: null, errorMessage: null, nextPollAt: options.firstPollAt(connection, at)?.toISOString() ?? null };
    // Scheduled at the provider: still SCHEDULED here until the provider reports it sent.
    emit(await applyStatusReport(db, message.id, { status: scheduledThere ? null : 'SENT', providerStatus: outcome.providerStatus, at }, fields));
  };

  /** One provider request for up to maxBatchSize messages; returns the ones to try elsewhere. */
  const sendBatch = async (connection: ProviderConnectionRow, adapter: ProviderAdapter, batch: InFlight[], attempts: NewAttempt[]): Promise<InFlight[]> => {
    const now = clock.now();
    const scheduledThere = (m: MessageRow) => Boolean(m.scheduledAt && new Date(m.scheduledAt) > now);
    const outbound: OutboundMessage[] = batch.map(({ message: m }) => ({ id: m.id, to: m.to, sender: m.sender, body: m.body, sendAt: scheduledThere(m) ? new Date(m.scheduledAt!) : null, otp: m.otp }));
    for (const { message } of batch.filter((item) => item.message.status === 'SCHEDULED' && !scheduledThere(item.message))) {
      emit(await applyStatusReport(db, message.id, { status: 'QUEUED', at: now }));
      // Once: if this provider fails it over, the next one finds it QUEUED already.
      message.status = 'QUEUED';
    }
    const { outcomes, skipped } = await breakers.send(connection.id, adapter, outbound);
    const elsewhere: InFlight[] = [];
    await Promise.all(
      batch.map(async (item, i) => {
        const outcome = outcomes[i] ?? { ok: false as const, error: { code: 'PROVIDER_UNAVAILABLE' as const, message: 'the adapter gave no outcome', retryable: true } };
        if (!skipped) {
          const error = outcome.ok ? null : outcome.error;
          attempts.push({ id: newId(), messageId: item.message.id, connectionId: connection.id, at: now.toISOString(), succeeded: outcome.ok, errorCode: error?.code ?? null, errorMessage: error?.message ?? null, providerStatus: outcome.ok ? (outcome.providerStatus ?? null) : (error?.providerStatus ?? null) });
        }
        if (outcome.ok) return handedOver(item.message, connection, outcome, Boolean(outbound[i]!.sendAt));
        if (!outcome.error.retryable) return fail(item.message, outcome.error);
        elsewhere.push({ ...item, next: item.next + 1, lastError: outcome.error });
      }),
    );
    return elsewhere;
  };

  /** A scheduled message whose candidate cannot hold it waits in Switchboard until its time. */
  const waitsHere = (item: InFlight, connection: ProviderConnectionRow) =>
    item.message.scheduledAt !== null && new Date(item.message.scheduledAt) > clock.now() && !schedulesAtProvider(connection.kind);

  const round = async (inFlight: InFlight[]): Promise<InFlight[]> => {
    const attempts: NewAttempt[] = [];
    const groups = new Map<string, { connection: ProviderConnectionRow; items: InFlight[] }>();
    for (const item of inFlight) {
      const connection = item.candidates[item.next];
      if (!connection) {
        await retryLater(item.message, item.lastError ?? { code: 'PROVIDER_UNAVAILABLE', message: 'no provider took it', retryable: true });
      } else if (waitsHere(item, connection)) {
        await updateMessage(db, item.message.id, { ...done, connectionId: connection.id, nextAttemptAt: item.message.scheduledAt });
      } else {
        const group = groups.get(connection.id) ?? { connection, items: [] };
        group.items.push(item);
        groups.set(connection.id, group);
      }
    }
    const next = await Promise.all(
      [...groups.values()].map(async ({ connection, items }) => {
        const adapter = adapterFor(connection);
        const retries: InFlight[] = [];
        for (const batch of chunk(items, adapter.capabilities.maxBatchSize)) {
          retries.push(...(await sendBatch(connection, adapter, batch, attempts).catch((error) => (log.error({ err: error, connectionId: connection.id }, 'dispatch failed'), []))));
        }
        return retries;
      }),
    );
    await insertAttempts(db, attempts);
    return next.flat();
  };

  return async function deliverClaimed(claimed: MessageRow[]): Promise<void> {
    const routes: Map<string, Route> = await planRoutes(db, claimed);
    let inFlight: InFlight[] = [];
    for (const message of claimed) {
      const route = routes.get(message.id)!;
      if (route.ok) inFlight.push({ message, candidates: route.candidates, next: 0 });
      else await fail(message, { code: 'REJECTED', message: route.reason, retryable: false });
    }
    while (inFlight.length > 0) inFlight = await round(inFlight);
  };
}
