import { z } from 'zod';
import { notSupported, type AdapterConfig, type ProviderAdapter, type ProviderError, type ProviderResult, type ProviderStatusReport } from '../adapter.js';
import { createSmsProviderClient, type SmsProviderClient } from './client.js';
import { smsProviderCapabilities, type SmsProviderCredentials, type SmsProviderOptions } from './definition.js';
import { sendBatch } from './send.js';
import { statusTime, toReportedStatus } from './status.js';
import { parseSmsProviderWebhook } from './webhook.js';

const KIND = 'SMSPROVIDER';

/** GET /messages/{id}: the documented fields, plus `failed_at` / `error` we expect on a failure. */
const messageSchema = z.looseObject({
  message_id: z.string(),
  status: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

/** GET /account shows no body in the document; we read `{ "credits": 1229, "plan": "standard" }`. */
const accountSchema = z.object({ credits: z.number(), plan: z.string().optional() });

/** Speaks SMS Provider's JSON API (Bearer key) for one connection. */
export function createSmsProviderAdapter(config: AdapterConfig<SmsProviderCredentials, SmsProviderOptions>): ProviderAdapter {
  const client = createSmsProviderClient(config);
  return {
    kind: KIND,
    capabilities: smsProviderCapabilities(config.options),
    send: (batch) => sendBatch(client, batch, config.webhookUrl),
    cancel: async () => notSupported('cancelling a message', 'SMS Provider'),
    fetchStatus: (providerMessageId) => fetchStatus(client, providerMessageId, config.clock.now()),
    fetchPackages: () => fetchPackages(client),
    parseWebhook: (request) => parseSmsProviderWebhook(request, config.credentials.webhookSecret),
  };
}

async function fetchStatus(client: SmsProviderClient, providerMessageId: string, now: Date): Promise<ProviderResult<{ report: ProviderStatusReport }>> {
  const result = await client.call('GET', `/messages/${encodeURIComponent(providerMessageId)}`);
  if (!result.ok) return result;
  const parsed = messageSchema.safeParse(result.json);
  if (!parsed.success) return unreadable(result.status);
  const { message_id, status, error } = parsed.data;
  const report: ProviderStatusReport = {
    providerMessageId: message_id,
    status: toReportedStatus(status),
    providerStatus: status,
    at: statusTime(parsed.data, status, now),
    ...(error ? { error } : {}),
  };
  return { ok: true, report };
}

async function fetchPackages(client: SmsProviderClient) {
  const result = await client.call('GET', '/account');
  if (!result.ok) return result;
  const parsed = accountSchema.safeParse(result.json);
  if (!parsed.success) return unreadable(result.status);
  const credits = { name: 'SMS Provider credits', totalSms: null, usedSms: null, expiresAt: null, balance: null, credits: parsed.data.credits };
  return { ok: true as const, packages: [credits] };
}

/** A look-up is safe to repeat, so an answer we cannot read counts as a passing outage. */
function unreadable(status: number): { ok: false; error: ProviderError } {
  return { ok: false, error: { code: 'PROVIDER_UNAVAILABLE', message: 'SMS Provider answered with a body we cannot read', retryable: true, providerStatus: String(status) } };
}
