import { z } from 'zod';
import type { OutboundMessage, ProviderError, SendOutcome } from '../adapter.js';
import type { SmsGateClient } from './client.js';
import { toSmsGateNumber } from './numbers.js';

const SEND_PATHS = { v1: '/v1/sms/send', v2: '/api/v2/sms/send' } as const;

/** v2's success body is undocumented: our choice, one entry per number in the order sent. */
const v2Sent = z.object({
  status: z.literal('success'),
  messages: z.array(z.object({ number: z.string(), message_id: z.union([z.string(), z.number()]).transform(String) })),
});

interface Group {
  body: string;
  indices: number[];
}

/**
 * One request per text: `numbers` carries the group's recipients, comma-separated. SMSGate has
 * no sender, schedule or priority parameter, so `sender` and `otp` change nothing here (the
 * account's own sender ID is used).
 */
export async function sendBatch(client: SmsGateClient, batch: readonly OutboundMessage[], country: string): Promise<SendOutcome[]> {
  const outcomes = batch.map((message): SendOutcome | undefined => (message.sendAt ? { ok: false, error: scheduleRefused(message) } : undefined));
  await Promise.all(
    groupByText(batch).map(async (group) => {
      const messages = group.indices.map((index) => batch[index]!);
      const results = await sendGroup(client, group.body, messages, country);
      group.indices.forEach((index, position) => (outcomes[index] = results[position]!));
    }),
  );
  return outcomes.map((outcome) => outcome ?? { ok: false, error: { code: 'REJECTED', message: 'SMSGate was not asked to send this message', retryable: false } });
}

/** Messages with `sendAt` are left out: SMSGate cannot schedule (the dispatcher hands them over when due). */
function groupByText(batch: readonly OutboundMessage[]): Group[] {
  const groups = new Map<string, Group>();
  batch.forEach((message, index) => {
    if (message.sendAt) return;
    const group = groups.get(message.body) ?? { body: message.body, indices: [] };
    group.indices.push(index);
    groups.set(message.body, group);
  });
  return [...groups.values()];
}

async function sendGroup(client: SmsGateClient, body: string, messages: OutboundMessage[], country: string): Promise<SendOutcome[]> {
  const numbers = messages.map((message) => toSmsGateNumber(message.to, country));
  const result = await client.call('POST', SEND_PATHS[client.version], { numbers: numbers.join(','), message_body: body });
  if (result.ok) return readSent(client, result.response.json, messages, numbers);
  // One bad number refuses the whole request: the numbers go again one by one, so only it fails.
  if (result.error.code === 'INVALID_PHONE_NUMBER' && messages.length > 1) {
    const outcomes: SendOutcome[] = [];
    for (const message of messages) outcomes.push(...(await sendGroup(client, body, [message], country)));
    return outcomes;
  }
  return messages.map(() => ({ ok: false, error: result.error }));
}

/**
 * v1 answers an empty body: there is no provider message ID, so the outcome carries our own
 * reference, `smsgate-v1:<Switchboard message id>`. v2's IDs are read by number; a 2xx without
 * a readable entry for a number falls back to that same reference (the message did go out).
 */
function readSent(client: SmsGateClient, json: unknown, messages: OutboundMessage[], numbers: string[]): SendOutcome[] {
  const parsed = client.version === 'v2' ? v2Sent.safeParse(json) : undefined;
  const unclaimed = parsed?.success ? [...parsed.data.messages] : [];
  return messages.map((message, position) => {
    const index = unclaimed.findIndex((entry) => entry.number === numbers[position]);
    const entry = index >= 0 ? unclaimed.splice(index, 1)[0] : undefined;
    return { ok: true, providerMessageId: entry?.message_id ?? ownReference(message), providerStatus: 'accepted' };
  });
}

function ownReference(message: OutboundMessage): string {
  return `smsgate-v1:${message.id}`;
}

function scheduleRefused(message: OutboundMessage): ProviderError {
  return {
    code: 'NOT_SUPPORTED',
    message: `SMSGate cannot schedule a message (sendAt ${message.sendAt?.toISOString() ?? 'none'}): hand it over when it is due`,
    retryable: false,
    providerStatus: 'no_scheduling',
  };
}
