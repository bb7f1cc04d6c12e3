import type { Clock } from './clock.js';
import type { Context } from './context.js';
import type { Db } from './db/client.js';
import type { ProviderConnectionRow } from './db/schema.js';
import { createBreakers, type BreakerSettings } from './dispatch/breakers.js';
import { createPackageCache } from './domain/packages/cache.js';
import { openCredentials } from './domain/providers/secrets.js';
import { findConnectionById, listConnections } from './domain/providers/store.js';
import { createAdapterPool } from './providers/adapter-pool.js';
import type { ProviderStatusReport } from './providers/adapter.js';
import { isProviderKind, providerDefinition, webhookPath } from './providers/registry.js';
import { createSandbox } from './providers/sandbox/adapter.js';

export interface ProviderServiceOptions {
  db: Db;
  clock: Clock;
  publicUrl: () => string;
  credentialsKey: Buffer;
  providerTimeoutMs: number;
  sandboxDeliveryDelayMs: number;
  sandboxReport: (connectionId: string, report: ProviderStatusReport, attempt?: number) => void;
  breaker: BreakerSettings;
  packagesCacheMs: number;
  /** How long a pushing provider's report may be late before the poller asks. */
  pollAfterMs: number;
  /** How soon a polling provider is first asked. */
  pollSoonMs: number;
}

/** Adapters (one per connection), their circuit breakers, and the packages cache, wired once. */
export function createProviderServices(options: ProviderServiceOptions) {
  const { db, clock, publicUrl, credentialsKey } = options;
  const sandbox = createSandbox({ clock, deliveryDelayMs: options.sandboxDeliveryDelayMs, report: options.sandboxReport });
  const pool = createAdapterPool({ clock, publicUrl, timeoutMs: options.providerTimeoutMs, sandbox });
  const breakers = createBreakers(options.breaker);
  const packages = createPackageCache({ clock, ttlMs: options.packagesCacheMs });

  const adapterFor = (connection: ProviderConnectionRow) =>
    pool.forConnection({
      id: connection.id,
      kind: connection.kind,
      credentials: () => (connection.credentialsSealed ? openCredentials(credentialsKey, connection.id, connection.credentialsSealed) : {}),
      baseUrl: connection.baseUrl,
      options: connection.options,
      version: connection.updatedAt,
    });

  const providers: Context['providers'] = {
    credentialsKey,
    webhookUrl: (connection) => (connection.kind === 'SANDBOX' ? null : `${publicUrl()}${webhookPath(connection.kind, connection.id)}`),
    adapterFor,
    circuitState: (connectionId) => breakers.state(connectionId),
    packages: async (accountId) => packages.forConnections((await listConnections(db, accountId)).filter((c) => c.enabled), adapterFor),
    async cancelAtProvider(message) {
      const connection = message.connectionId ? await findConnectionById(db, message.connectionId) : undefined;
      if (!connection || connection.disconnectedAt) {
        return { ok: false, error: { code: 'NOT_CANCELLABLE', message: 'its provider connection was disconnected', retryable: false } };
      }
      return adapterFor(connection).cancel(message.providerMessageId!);
    },
  };

  /** Polling providers are asked soon after a send; pushing ones only when their report is late. */
  const firstPollAt = (connection: ProviderConnectionRow, sentAt: Date): Date | null => {
    if (!isProviderKind(connection.kind)) return null;
    const { capabilities } = providerDefinition(connection.kind);
    if (!capabilities.statusLookup) return null;
    return new Date(sentAt.getTime() + (capabilities.statusDelivery === 'poll' ? options.pollSoonMs : options.pollAfterMs));
  };

  return {
    providers,
    breakers,
    firstPollAt,
    recordUsage: packages.recordUsage,
    close() {
      breakers.close();
      pool.close();
    },
  };
}
