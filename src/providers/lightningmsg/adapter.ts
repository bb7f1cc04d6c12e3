import { z } from 'zod';
import type { AdapterConfig, ProviderAdapter, ProviderCapabilities, ProviderPackage, ProviderResult } from '../adapter.js';
import { countOf, createLightningMsgClient, idSegment } from './client.js';
import type { LightningMsgCredentials, LightningMsgOptions } from './definition.js';
import { createLightningMsgSender } from './send.js';
import { reportedStatus } from './status.js';
import { parseLightningMsgWebhook } from './webhook.js';
import { parseZonedDateTime } from '../zoned-time.js';

export const lightningMsgCapabilities: ProviderCapabilities = {
  // Undocumented for send_multiple; its list endpoint caps at 100, so 100 it is.
  maxBatchSize: 100,
  nativeScheduling: true,
  nativeCancel: true,
  statusDelivery: 'push',
  statusLookup: true,
  // The document defers its limits "to integration": none to keep to until then.
  rateLimit: null,
};

const statusAnswer = z.object({
  sms_data: z.object({ id: z.union([z.string(), z.number().transform(String)]).optional(), status: z.string() }),
});

const packagesAnswer = z.object({
  packages: z.array(z.object({ name: z.string(), total_sms: z.unknown(), used_sms: z.unknown(), expire_date: z.string().nullish() })),
});

const unreadable = (what: string) => ({
  ok: false as const,
  error: { code: 'REJECTED' as const, message: `LightningMSG answered ${what} with a body Switchboard cannot read`, retryable: false, providerStatus: 'unreadable_response' },
});

export function createLightningMsgAdapter(config: AdapterConfig<LightningMsgCredentials, LightningMsgOptions>): ProviderAdapter {
  const { credentials, options, clock } = config;
  const client = createLightningMsgClient(config);
  const sender = createLightningMsgSender(client, options.timeZone);

  return {
    kind: 'LIGHTNINGMSG',
    capabilities: lightningMsgCapabilities,
    send: (batch) => sender.send(batch),

    async cancel(providerMessageId) {
      // LightningMSG answers 0200 ITEM_VALIDATION for a message already sent or cancelled.
      const answer = await client.call(`cancel/${idSegment(providerMessageId)}`, undefined, { '0200': 'NOT_CANCELLABLE' });
      return answer.ok ? { ok: true } : answer;
    },

    async fetchStatus(providerMessageId) {
      const answer = await client.call(`get_status/${idSegment(providerMessageId)}`);
      if (!answer.ok) return answer;
      const parsed = statusAnswer.safeParse(answer.json);
      if (!parsed.success) return unreadable('get_status');
      const { status } = parsed.data.sms_data;
      // The answer carries no time: the report is as of now.
      return { ok: true, report: { providerMessageId, status: reportedStatus(status), providerStatus: status, at: clock.now() } };
    },

    async fetchPackages(): Promise<ProviderResult<{ packages: ProviderPackage[] }>> {
      const answer = await client.call('get_packages');
      if (!answer.ok) return answer;
      const parsed = packagesAnswer.safeParse(answer.json);
      if (!parsed.success) return unreadable('get_packages');
      const packages = parsed.data.packages.map((entry) => ({
        name: entry.name,
        totalSms: countOf(entry.total_sms),
        usedSms: countOf(entry.used_sms),
        expiresAt: entry.expire_date ? parseZonedDateTime(entry.expire_date, options.timeZone) : null,
        balance: null,
        credits: null,
      }));
      return { ok: true, packages };
    },

    parseWebhook: (request) => parseLightningMsgWebhook(request, credentials.webhookHeaders),
  };
}
