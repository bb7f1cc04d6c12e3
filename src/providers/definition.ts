import type { z } from 'zod';
import type { AdapterConfig, ProviderAdapter, ProviderCapabilities } from './adapter.js';

/**
 * Everything Switchboard knows about one kind of provider: how to check a connection's
 * credentials and options, where the provider lives, what it can do, and how to speak to it.
 */
export interface ProviderDefinition<Credentials = unknown, Options = unknown> {
  kind: string;
  /** The provider's name as people write it. */
  name: string;
  /** The documented API base URL; a connection may override it. */
  defaultBaseUrl: string;
  /** Validates `connectProvider`'s `credentials`; errors name the field. Secrets only. */
  credentials: z.ZodType<Credentials>;
  /** Validates the connection's non-secret `options` (time zone, rate limit...). */
  options: z.ZodType<Options>;
  /** What the provider can do with default options. */
  capabilities: ProviderCapabilities;
  /** Where options change them (a configured request limit): the capabilities of one connection. */
  capabilitiesWith?: (options: Options) => ProviderCapabilities;
  /** The HTTP method the provider calls the webhook with. */
  webhookMethod: 'GET' | 'POST';
  create(config: AdapterConfig<Credentials, Options>): ProviderAdapter;
}
