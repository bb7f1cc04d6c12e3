import type { Clock } from '../clock.js';
import type { ProviderAdapter } from './adapter.js';
import { isProviderKind, providerDefinition, webhookPath } from './registry.js';
import type { Sandbox } from './sandbox/adapter.js';

/** A connection as an adapter needs it; credentials are opened only when an adapter is built. */
export interface ResolvedConnection {
  id: string;
  kind: string;
  credentials: () => Record<string, unknown>;
  baseUrl: string | null;
  options: Record<string, unknown>;
  /** A changed connection gets a new adapter (new credentials, new limiter settings). */
  version: string;
}

export interface AdapterPoolOptions {
  clock: Clock;
  publicUrl: () => string;
  timeoutMs: number;
  sandbox: Sandbox;
}

/**
 * One adapter per connection, kept while the connection is unchanged, so per-connection state
 * (a rate limiter that has seen the provider's headers) lives as long as the connection does.
 */
export function createAdapterPool({ clock, publicUrl, timeoutMs, sandbox }: AdapterPoolOptions) {
  const adapters = new Map<string, { version: string; adapter: ProviderAdapter }>();

  const build = (connection: ResolvedConnection): ProviderAdapter => {
    if (connection.kind === 'SANDBOX') return sandbox.adapterFor(connection.id);
    if (!isProviderKind(connection.kind)) throw new Error(`unknown provider kind ${connection.kind}`);
    const definition = providerDefinition(connection.kind);
    return definition.create({
      connectionId: connection.id,
      credentials: connection.credentials(),
      baseUrl: connection.baseUrl ?? definition.defaultBaseUrl,
      webhookUrl: `${publicUrl()}${webhookPath(connection.kind, connection.id)}`,
      options: definition.options.parse(connection.options),
      clock,
      timeoutMs,
    });
  };

  return {
    forConnection(connection: ResolvedConnection): ProviderAdapter {
      const cached = adapters.get(connection.id);
      if (cached?.version === connection.version) return cached.adapter;
      cached?.adapter.close?.();
      const adapter = build(connection);
      adapters.set(connection.id, { version: connection.version, adapter });
      return adapter;
    },
    close() {
      for (const { adapter } of adapters.values()) adapter.close?.();
      adapters.clear();
      sandbox.close();
    },
  };
}

export type AdapterPool = ReturnType<typeof createAdapterPool>;
