import { z } from 'zod';
import { failAll, notSupported, type AdapterConfig, type OutboundMessage, type ProviderAdapter, type ProviderCapabilities, type ProviderError, type SendOutcome } from '../adapter.js';
import { providerFetch, type ProviderResponse } from '../http.js';
import type { BrandSmsCredentials, BrandSmsOptions } from './definition.js';
import { brandSmsErrorCode, errorFromResponse } from './errors.js';
import { parseBrandSmsCallback } from './webhook.js';
import { toWallClock } from '../zoned-time.js';

export const brandSmsCapabilities: ProviderCapabilities = {
  // Undocumented: BrandSMS names no limit on `numbers`; 100 keeps one request a sane size.
  maxBatchSize: 100,
  nativeScheduling: true,
  nativeCancel: false,
  statusDelivery: 'push',
  rateLimit: null,
};

/** BrandSMS names no path: the emulator and this adapter agree on this one under the connection's base URL. */
const SEND_PATH = '/api/v1/sms/send';

/**
 * Our choice of success body, since BrandSMS documents none: one entry per number, in the
 * order the numbers were sent.
 */
const sentBody = z.object({
  success: z.literal(true),
  messages: z.array(z.object({ number: z.string(), smsID: z.union([z.string(), z.number()]).transform(String) })),
});

/** Messages BrandSMS can take in one request: same text, same send time, same priority. */
interface SendGroup {
  text: string;
  sendTime: string | null;
  otp: boolean;
  /** Positions in the batch, in order. */
  indexes: number[];
}

export function createBrandSmsAdapter(config: AdapterConfig<BrandSmsCredentials, BrandSmsOptions>): ProviderAdapter {
  const { credentials, options, timeoutMs } = config;
  const sendUrl = `${config.baseUrl.replace(/\/+$/, '')}${SEND_PATH}`;

  const post = async (group: SendGroup, numbers: string[]) => {
    const form = new URLSearchParams({ key: credentials.key, brandID: credentials.brandId, numbers: numbers.join(','), text: group.text });
    if (group.sendTime) form.set('sendTime', group.sendTime);
    if (group.otp) form.set('otp', 'true');
    if (!options.checkStopList) form.set('stopList', 'false');
    // The method is undocumented: a POST form keeps the key out of URLs and logs.
    return providerFetch({
      method: 'POST',
      url: sendUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      timeoutMs,
    });
  };

  const sendGroup = async (group: SendGroup, numbers: string[]): Promise<SendOutcome[]> => {
    const result = await post(group, numbers);
    if (!result.ok) return failEach(numbers, result.error);
    const { response } = result;
    if (response.status >= 200 && response.status < 300) return readSent(response, numbers);
    // One bad number refuses the whole request: the numbers go again one by one, so only it fails.
    if (brandSmsErrorCode(response) === 'invalid_number' && numbers.length > 1) {
      const outcomes: SendOutcome[] = [];
      for (const number of numbers) outcomes.push(...(await sendGroup(group, [number])));
      return outcomes;
    }
    return failEach(numbers, errorFromResponse(response));
  };

  return {
    kind: 'BRANDSMS',
    capabilities: brandSmsCapabilities,
    async send(batch) {
      if (!config.baseUrl) {
        return failAll(batch, { code: 'REJECTED', message: 'BrandSMS has no documented address: set the connection’s baseUrl', retryable: false, providerStatus: 'no_base_url' });
      }
      const outcomes: SendOutcome[] = new Array(batch.length);
      for (const group of groupBatch(batch, (sendAt) => toWallClock(sendAt, options.timeZone, 'minute'))) {
        const numbers = group.indexes.map((index) => toBrandSmsNumber(batch[index]!.to));
        const results = await sendGroup(group, numbers);
        group.indexes.forEach((index, i) => (outcomes[index] = results[i]!));
      }
      return outcomes;
    },
    cancel: async () => notSupported('cancelling a message (it documents no cancel)', 'BrandSMS'),
    fetchStatus: async () => notSupported('status look-ups (it reports by callback only)', 'BrandSMS'),
    fetchPackages: async () => notSupported('packages or balance look-ups', 'BrandSMS'),
    parseWebhook: (request) => parseBrandSmsCallback(request, credentials.callbackKey, options.timeZone),
  };
}

/**
 * One request per (text, send time, otp). The sender is not sent: BrandSMS sends as the
 * connection's brand (`brandID`), so `OutboundMessage.sender` has no parameter to go in.
 */
function groupBatch(batch: readonly OutboundMessage[], sendTimeOf: (sendAt: Date) => string): SendGroup[] {
  const groups = new Map<string, SendGroup>();
  batch.forEach((message, index) => {
    const sendTime = message.sendAt ? sendTimeOf(message.sendAt) : null;
    const key = JSON.stringify([message.body, sendTime, message.otp]);
    const group = groups.get(key) ?? { text: message.body, sendTime, otp: message.otp, indexes: [] };
    group.indexes.push(index);
    groups.set(key, group);
  });
  return [...groups.values()];
}

/** BrandSMS wants international numbers without `+` or `00`. */
function toBrandSmsNumber(e164: string): string {
  return e164.replace(/^\+/, '');
}

function readSent(response: ProviderResponse, numbers: string[]): SendOutcome[] {
  const parsed = sentBody.safeParse(response.json);
  if (!parsed.success || parsed.data.messages.length !== numbers.length) {
    // A 2xx we cannot read may still have sent the messages: failing for good avoids a double send.
    return failEach(numbers, {
      code: 'REJECTED',
      message: `BrandSMS answered HTTP ${response.status} with a body Switchboard cannot read; the messages may have gone out`,
      retryable: false,
      providerStatus: 'unreadable_response',
    });
  }
  return parsed.data.messages.map(({ smsID }) => ({ ok: true, providerMessageId: smsID, providerStatus: 'accepted' }));
}

function failEach(numbers: readonly string[], error: ProviderError): SendOutcome[] {
  return numbers.map(() => ({ ok: false, error }));
}
