import type { Clock } from './clock.js';
import type { Context } from './context.js';
import type { Database } from './db/client.js';
import type { MessageRow } from './db/schema.js';
import { createDispatcher, type DispatcherOptions } from './dispatch/dispatcher.js';
import type { Logger } from './logger.js';
import type { BreakerSettings } from './dispatch/breakers.js';
import { createAuthCache } from './domain/api-keys/auth-cache.js';
import { createPoller } from './dispatch/poller.js';
import type { StatusChange } from './domain/messages/apply-status.js';
import { createProviderServices } from './provider-services.js';
import { publishStatusChange } from './realtime/message-events.js';
import { createSwitchboardPubSub } from './realtime/pubsub.js';
import { ingestReport } from './webhooks/ingest.js';

const MESSAGES_CHANNEL = 'switchboard_messages';
/** How long a key read for one request serves the next ones: bounds revocation lag across instances. */
const AUTH_CACHE_MS = 2_000;

export interface ServiceOptions {
  database: Database;
  clock: Clock;
  log: Logger;
  sandboxDeliveryDelayMs?: number;
  /** The base of webhook URLs: where providers reach this server (known once it listens). */
  publicUrl: () => string;
  credentialsKey: Buffer;
  providerTimeoutMs?: number;
  polling?: { afterMs: number; intervalMs: number };
  packagesCacheMs?: number;
  breaker?: BreakerSettings;
  /** Share events across instances through Redis. */
  redisUrl?: string;
  dispatcher?: Partial<Pick<DispatcherOptions, 'batchSize' | 'leaseMs' | 'maxAttempts' | 'retryBaseMs' | 'retryMaxMs' | 'idleMs'>>;
}

/** The long-lived parts of one Switchboard process, wired once and shared by every request. */
export async function startServices(options: ServiceOptions) {
  const { database, clock, log, sandboxDeliveryDelayMs = 2_000, dispatcher: tuning, publicUrl, credentialsKey, providerTimeoutMs = 10_000 } = options;
  const { polling = { afterMs: 300_000, intervalMs: 5_000 }, packagesCacheMs = 60_000, breaker = { errorThresholdPercentage: 50, volumeThreshold: 3, resetTimeoutMs: 30_000 } } = options;
  const { db } = database;
  const { pubsub, close: closePubSub } = createSwitchboardPubSub(options.redisUrl, (error) => log.warn({ err: error }, 'Redis connection problem'));
  const authCache = createAuthCache(AUTH_CACHE_MS);
  // A key revoked on any instance (through Redis) is forgotten here at once.
  const revocations = pubsub.subscribe('apiKeyRevoked');
  void (async () => {
    for await (const { apiKeyId } of revocations) authCache.forget(apiKeyId);
  })().catch((error) => log.warn({ err: error }, 'revocation listener stopped'));
  const publish = (change: StatusChange) => publishStatusChange(pubsub, change);
  const providerServices = createProviderServices({
    db,
    clock,
    publicUrl,
    credentialsKey,
    providerTimeoutMs,
    sandboxDeliveryDelayMs,
    // The sandbox "calls back" like a provider's webhook would, through the same ingestion path.
    // Like a provider's webhook retry, a report that beats the hand-over's record is tried again.
    sandboxReport: function apply(connectionId, report, attempt = 1) {
      ingestReport(db, connectionId, report)
        .then(({ found, change }) => {
          if (change) publish(change);
          if (!found && attempt < 5) setTimeout(() => apply(connectionId, report, attempt + 1), 200 * attempt).unref();
        })
        .catch((error) => log.error({ err: error }, 'could not apply a sandbox delivery report'));
    },
    breaker,
    packagesCacheMs,
    pollAfterMs: polling.afterMs,
    pollSoonMs: polling.intervalMs,
  });
  const { providers } = providerServices;
  const dispatcher = createDispatcher({
    db,
    clock,
    log,
    adapterFor: providers.adapterFor,
    breakers: providerServices.breakers,
    firstPollAt: providerServices.firstPollAt,
    onUsage: providerServices.recordUsage,
    publish,
    ...tuning,
  });
  const poller = createPoller({ db, clock, log, adapterFor: providers.adapterFor, publish, intervalMs: polling.intervalMs, firstDelayMs: polling.afterMs });
  const stopListening = await database.listen(MESSAGES_CHANNEL, () => dispatcher.wake());
  dispatcher.start();
  poller.start();

  const wakeDispatchers = () => {
    dispatcher.wake();
    database.notify(MESSAGES_CHANNEL).catch((error) => log.warn({ err: error }, 'could not notify other instances'));
  };
  const messages: Context['messages'] = {
    accepted(rows: MessageRow[]) {
      for (const message of rows) {
        publishStatusChange(pubsub, { message, status: message.status as 'QUEUED', previousStatus: null, at: message.createdAt });
      }
      wakeDispatchers();
    },
    bulkAccepted: () => wakeDispatchers(),
    changed(changes) {
      for (const change of changes) publishStatusChange(pubsub, change);
    },
  };

  return {
    services: { db, clock, log, pubsub, messages, providers, authCache },
    async stop() {
      await Promise.all([dispatcher.stop(), poller.stop()]);
      await stopListening();
      providerServices.close();
      await revocations.return?.();
      await closePubSub();
    },
  };
}
