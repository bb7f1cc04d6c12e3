import { z } from 'zod';
import { notSupported, type AdapterConfig, type ProviderAdapter, type ProviderCapabilities, type ProviderPackage, type ProviderResult } from '../adapter.js';
import { createLightSmsClient, type LightSmsClient } from './client.js';
import type { LightSmsCredentials, LightSmsOptions } from './definition.js';
import { MAX_PHONES_PER_REQUEST, sendBatch } from './send.js';

export const lightSmsCapabilities: ProviderCapabilities = {
  maxBatchSize: MAX_PHONES_PER_REQUEST,
  nativeScheduling: true,
  // The document shows no cancel, no status call and no callback: sent is as far as Switchboard sees.
  nativeCancel: false,
  statusDelivery: 'none',
  rateLimit: null,
};

/**
 * The document names a "balance endpoint" without describing it. Our choice, as the emulator's:
 * GET balance.php with login, timestamp, return and signature, answering
 * `{ "balance": "12.3400", "currency": "EUR" }` (XML: `<response balance="…" currency="…" />`).
 */
const balanceAnswer = z.object({
  balance: z.union([z.string().trim().min(1), z.number()]).transform(Number).pipe(z.number()),
  currency: z.string().min(1),
});

/** Speaks LightSMS's signed GET API for one connection. */
export function createLightSmsAdapter(config: AdapterConfig<LightSmsCredentials, LightSmsOptions>): ProviderAdapter {
  const client = createLightSmsClient(config);
  return {
    kind: 'LIGHTSMS',
    capabilities: lightSmsCapabilities,
    send: (batch) => sendBatch(client, batch, config.options),
    cancel: async () => notSupported('cancelling a message (it documents no cancel)', 'LightSMS'),
    fetchStatus: async () => notSupported('status look-ups (it documents no status call)', 'LightSMS'),
    fetchPackages: () => fetchBalance(client),
    parseWebhook: () => ({ ok: false, reason: 'MALFORMED', message: 'LightSMS sends no callbacks' }),
  };
}

async function fetchBalance(client: LightSmsClient): Promise<ProviderResult<{ packages: ProviderPackage[] }>> {
  const result = await client.call('balance.php', {});
  if (!result.ok) return result;
  const parsed = balanceAnswer.safeParse(result.answer);
  if (!parsed.success) {
    // A look-up is safe to repeat, so an answer we cannot read counts as a passing outage.
    return { ok: false, error: { code: 'PROVIDER_UNAVAILABLE', message: 'LightSMS answered balance.php with a body Switchboard cannot read', retryable: true, providerStatus: 'unreadable_response' } };
  }
  const { balance: amount, currency } = parsed.data;
  return { ok: true, packages: [{ name: 'LightSMS balance', totalSms: null, usedSms: null, expiresAt: null, balance: { amount, currency }, credits: null }] };
}
