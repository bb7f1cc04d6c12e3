import { z } from 'zod';
import { notSupported, type AdapterConfig, type ProviderAdapter, type ProviderPackage, type ProviderResult } from '../adapter.js';
import { createSmsGateClient, type SmsGateClient } from './client.js';
import { smsGateCapabilities, type SmsGateCredentials, type SmsGateOptions } from './definition.js';
import { sendBatch } from './send.js';

const KIND = 'SMSGATE';

/** GET api/v2/account/balance documents only its 401: we read `{ "balance": 1520.5, "currency": "KES" }`. */
const balanceBody = z.object({ balance: z.number(), currency: z.string().min(1) });

/**
 * Speaks SMSGate for one connection: API v1 with username + password, v2 with an API key. SMSGate
 * offers no schedule, cancel, status look-up or callback.
 */
export function createSmsGateAdapter(config: AdapterConfig<SmsGateCredentials, SmsGateOptions>): ProviderAdapter {
  const client = createSmsGateClient(config);
  return {
    kind: KIND,
    capabilities: smsGateCapabilities(config.options),
    send: (batch) => sendBatch(client, batch, config.options.country),
    cancel: async () => notSupported('cancelling a message', 'SMSGate'),
    fetchStatus: async () => notSupported('status look-ups (it documents none, and sends no callbacks)', 'SMSGate'),
    fetchPackages: () => fetchBalance(client),
    parseWebhook: () => ({ ok: false, reason: 'MALFORMED', message: 'SMSGate sends no callbacks' }),
  };
}

/** Only API v2 has a balance endpoint: a v1 connection cannot look its balance up. */
async function fetchBalance(client: SmsGateClient): Promise<ProviderResult<{ packages: ProviderPackage[] }>> {
  if (client.version === 'v1') return notSupported('a balance look-up with API v1 credentials (only API v2 has one)', 'SMSGate');
  const result = await client.call('GET', '/api/v2/account/balance');
  if (!result.ok) return result;
  const parsed = balanceBody.safeParse(result.response.json);
  if (!parsed.success) {
    // A look-up is safe to repeat, so an answer we cannot read counts as a passing outage.
    return { ok: false, error: { code: 'PROVIDER_UNAVAILABLE', message: 'SMSGate answered its balance with a body we cannot read', retryable: true, providerStatus: String(result.response.status) } };
  }
  const { balance: amount, currency } = parsed.data;
  return { ok: true, packages: [{ name: 'SMSGate balance', totalSms: null, usedSms: null, expiresAt: null, balance: { amount, currency }, credits: null }] };
}
