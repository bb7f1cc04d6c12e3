import type { Clock } from './clock.js';
import type { Db } from './db/client.js';
import type { BulkSendRow, MessageRow, ProviderConnectionRow } from './db/schema.js';
import type { StatusChange } from './domain/messages/apply-status.js';
import type { AuthCache } from './domain/api-keys/auth-cache.js';
import type { Viewer } from './domain/viewer.js';
import type { CircuitState } from './dispatch/breakers.js';
import type { PackageEntry } from './domain/packages/cache.js';
import type { Logger } from './logger.js';
import type { ProviderAdapter, ProviderResult } from './providers/adapter.js';
import type { PubSub } from './realtime/pubsub.js';

/** Everything a request needs; built once per HTTP request or WebSocket operation. */
export interface Context {
  /** null only for anonymous introspection (GraphiQL's schema load before a key is pasted). */
  viewer: Viewer | null;
  db: Db;
  clock: Clock;
  pubsub: PubSub;
  log: Logger;
  messages: {
    /** Newly accepted messages: publish their first status and wake the dispatcher. */
    accepted(messages: MessageRow[]): void;
    /** A bulk send was accepted: wake the dispatcher (its messages publish as they move). */
    bulkAccepted(bulk: BulkSendRow): void;
    /** Messages changed status outside the dispatcher (cancel): publish the changes. */
    changed(changes: StatusChange[]): void;
  };
  /** Recently read API keys; revoking or rotating one must forget it here. */
  authCache: AuthCache;
  providers: {
    /** Seals and opens connection credentials. */
    credentialsKey: Buffer;
    /** Where the connection's provider must call back (null for the sandbox, which reports in-process). */
    webhookUrl(connection: ProviderConnectionRow): string | null;
    /** The connection's adapter, credentials opened; one per connection while it is unchanged. */
    adapterFor(connection: ProviderConnectionRow): ProviderAdapter;
    /** The connection's circuit breaker, as this instance sees it. */
    circuitState(connectionId: string): CircuitState;
    /** What every enabled connection's provider reports about packages and balances (cached briefly). */
    packages(accountId: string): Promise<PackageEntry[]>;
    /** Asks a message's provider to cancel it (a message scheduled there). */
    cancelAtProvider(message: MessageRow): Promise<ProviderResult<object>>;
  };
}

/** Long-lived services shared by every request of one server. */
export type Services = Omit<Context, 'viewer'>;
