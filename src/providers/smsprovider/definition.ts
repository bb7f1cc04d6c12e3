import { z } from 'zod';
import type { ProviderCapabilities } from '../adapter.js';
import type { ProviderDefinition } from '../definition.js';
import { wholeNumberOption } from '../settings.js';
import { createSmsProviderAdapter } from './adapter.js';

const credentials = z.strictObject({
  apiKey: z.string({ error: 'apiKey must be a string' }).trim().min(1, 'apiKey is required: the API key from the SMS Provider dashboard'),
  webhookSecret: z
    .string({ error: 'webhookSecret must be a string' })
    .min(1, 'webhookSecret is required: the secret SMS Provider signs its webhooks with (X-SMSProvider-Signature)'),
});

/** Standard plans allow 10 requests per second, Enterprise 50. */
const options = z.strictObject({
  requestsPerSecond: wholeNumberOption('requestsPerSecond', 1, 1000, 10),
});

export type SmsProviderCredentials = z.infer<typeof credentials>;
export type SmsProviderOptions = z.infer<typeof options>;

export function smsProviderCapabilities({ requestsPerSecond }: SmsProviderOptions): ProviderCapabilities {
  return {
    // The document gives no limit on `to` arrays; 100 is our choice, and the emulator's.
    maxBatchSize: 100,
    nativeScheduling: true,
    nativeCancel: false,
    statusDelivery: 'push',
    statusLookup: true,
    rateLimit: { requests: requestsPerSecond, perMs: 1000 },
  };
}

export const smsProviderDefinition: ProviderDefinition<SmsProviderCredentials, SmsProviderOptions> = {
  kind: 'SMSPROVIDER',
  name: 'SMS Provider',
  defaultBaseUrl: 'https://api.smsprovider.com/v1',
  credentials,
  options,
  capabilities: smsProviderCapabilities(options.parse({})),
  capabilitiesWith: smsProviderCapabilities,
  webhookMethod: 'POST',
  create: createSmsProviderAdapter,
};
