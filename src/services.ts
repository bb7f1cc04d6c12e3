import type { Clock } from './clock.js';
import type { Context } from './context.js';
import type { Database } from './db/client.js';
import type { MessageRow } from './db/schema.js';
import { createDispatcher, type DispatcherOptions } from './dispatch/dispatcher.js';
import type { Logger } from './logger.js';
import type { ProviderConnectionRow } from './db/schema.js';
import { openCredentials } from './domain/providers/secrets.js';
import { findConnectionById } from './domain/providers/store.js';
import { createAdapterPool } from './providers/adapter-pool.js';
import { webhookPath } from './providers/registry.js';
import { createSandbox } from './providers/sandbox/adapter.js';
import { publishStatusChange } from './realtime/message-events.js';
import { createSwitchboardPubSub } from './realtime/pubsub.js';
import { ingestProviderReport } from './webhooks/ingest.js';

const MESSAGES_CHANNEL = 'switchboard_messages';

export interface ServiceOptions {
  database: Database;
  clock: Clock;
  log: Logger;
  sandboxDeliveryDelayMs?: number;
  /** The base of webhook URLs: where providers reach this server (known once it listens). */
  publicUrl: () => string;
  credentialsKey: Buffer;
  providerTimeoutMs?: number;
  dispatcher?: Partial<Pick<DispatcherOptions, 'batchSize' | 'leaseMs' | 'maxAttempts' | 'retryBaseMs' | 'retryMaxMs' | 'idleMs'>>;
}

/** The long-lived parts of one Switchboard process, wired once and shared by every request. */
export async function startServices(options: ServiceOptions) {
  const { database, clock, log, sandboxDeliveryDelayMs = 2_000, dispatcher: tuning, publicUrl, credentialsKey, providerTimeoutMs = 10_000 } = options;
  const { db } = database;
  const pubsub = createSwitchboardPubSub();
  const sandbox = createSandbox({
    clock,
    deliveryDelayMs: sandboxDeliveryDelayMs,
    // The sandbox "calls back" like a provider's webhook would, through the same ingestion path.
    report: (connectionId, report) =>
      ingestProviderReport(db, connectionId, report)
        .then((change) => change && publishStatusChange(pubsub, change))
        .catch((error) => log.error({ err: error }, 'could not apply a sandbox delivery report')),
  });
  const pool = createAdapterPool({ clock, publicUrl, timeoutMs: providerTimeoutMs, sandbox });
  const adapterFor = (connection: ProviderConnectionRow) =>
    pool.forConnection({
      id: connection.id,
      kind: connection.kind,
      credentials: connection.credentialsSealed ? openCredentials(credentialsKey, connection.id, connection.credentialsSealed) : {},
      baseUrl: connection.baseUrl,
      options: connection.options,
      version: connection.updatedAt,
    });
  const providers: Context['providers'] = {
    credentialsKey,
    webhookUrl: (connection) => (connection.kind === 'SANDBOX' ? null : `${publicUrl()}${webhookPath(connection.kind, connection.id)}`),
    adapterFor,
    async cancelAtProvider(message) {
      const connection = message.connectionId ? await findConnectionById(db, message.connectionId) : undefined;
      if (!connection || connection.disconnectedAt) {
        return { ok: false, error: { code: 'NOT_CANCELLABLE', message: 'its provider connection was disconnected', retryable: false } };
      }
      return adapterFor(connection).cancel(message.providerMessageId!);
    },
  };
  const dispatcher = createDispatcher({
    db,
    clock,
    log,
    adapterFor: providers.adapterFor,
    publish: (change) => publishStatusChange(pubsub, change),
    ...tuning,
  });
  const stopListening = await database.listen(MESSAGES_CHANNEL, () => dispatcher.wake());
  dispatcher.start();

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
    services: { db, clock, log, pubsub, messages, providers },
    async stop() {
      await dispatcher.stop();
      await stopListening();
      pool.close();
    },
  };
}
