import { z } from 'zod';
import { failAll, type OutboundMessage, type ProviderError, type SendOutcome } from '../adapter.js';
import type { SmsProviderClient } from './client.js';

const sentOne = z.object({
  success: z.literal(true),
  message_id: z.string(),
  status: z.string(),
  credits_used: z.number().optional(),
  credits_remaining: z.number().optional(),
});

/** Undocumented: our choice for a `to` array, shared with the emulator. */
const sentMany = z.object({
  success: z.literal(true),
  messages: z.array(z.object({ to: z.string(), message_id: z.string(), status: z.string() })),
  credits_used: z.number().optional(),
  credits_remaining: z.number().optional(),
});

interface Group {
  indices: number[];
  messages: OutboundMessage[];
}

/**
 * One request per (text, sender, schedule): a group's recipients go as one `to` array. SMS
 * Provider has no priority, so `otp` changes nothing here.
 */
export async function sendBatch(client: SmsProviderClient, batch: readonly OutboundMessage[], callbackUrl: string): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = [];
  await Promise.all(
    groupBatch(batch).map(async (group) => {
      const groupOutcomes = await sendGroup(client, group.messages, callbackUrl);
      group.indices.forEach((index, position) => (outcomes[index] = groupOutcomes[position] ?? missingAnswer()));
    }),
  );
  return outcomes;
}

function groupBatch(batch: readonly OutboundMessage[]): Group[] {
  const groups = new Map<string, Group>();
  batch.forEach((message, index) => {
    const key = JSON.stringify([message.body, message.sender, message.sendAt?.toISOString() ?? null]);
    const group = groups.get(key) ?? { indices: [], messages: [] };
    group.indices.push(index);
    group.messages.push(message);
    groups.set(key, group);
  });
  return [...groups.values()];
}

/**
 * A `to` array with one bad number is refused whole (invalid_phone_number, nothing sent: so the
 * emulator behaves too); the group is then sent one recipient at a time so only that one fails.
 */
async function sendGroup(client: SmsProviderClient, messages: OutboundMessage[], callbackUrl: string): Promise<SendOutcome[]> {
  const [first] = messages;
  if (!first) return [];
  if (messages.length === 1) return [await sendOne(client, first, callbackUrl)];
  const result = await client.call('POST', '/messages', requestBody(first, messages.map((message) => message.to), callbackUrl));
  if (!result.ok) {
    if (result.error.code !== 'INVALID_PHONE_NUMBER') return failAll(messages, result.error);
    return Promise.all(messages.map((message) => sendOne(client, message, callbackUrl)));
  }
  const parsed = sentMany.safeParse(result.json);
  if (!parsed.success) return failAll(messages, unreadableAnswer(result.status));
  const { messages: sent, credits_used, credits_remaining } = parsed.data;
  const unclaimed = [...sent];
  return messages.map((message) => {
    const index = unclaimed.findIndex((entry) => entry.to === message.to);
    const entry = index >= 0 ? unclaimed.splice(index, 1)[0] : undefined;
    if (!entry) return missingAnswer();
    return {
      ok: true,
      providerMessageId: entry.message_id,
      providerStatus: entry.status,
      usage: usage(credits_remaining, credits_used === undefined ? undefined : credits_used / messages.length),
    };
  });
}

async function sendOne(client: SmsProviderClient, message: OutboundMessage, callbackUrl: string): Promise<SendOutcome> {
  const result = await client.call('POST', '/messages', requestBody(message, message.to, callbackUrl));
  if (!result.ok) return result;
  const parsed = sentOne.safeParse(result.json);
  if (!parsed.success) return { ok: false, error: unreadableAnswer(result.status) };
  const { message_id, status, credits_used, credits_remaining } = parsed.data;
  return { ok: true, providerMessageId: message_id, providerStatus: status, usage: usage(credits_remaining, credits_used) };
}

function requestBody(message: OutboundMessage, to: string | string[], callbackUrl: string) {
  return {
    to,
    message: message.body,
    ...(message.sender ? { from: message.sender } : {}),
    ...(message.sendAt ? { scheduled_at: message.sendAt.toISOString() } : {}),
    callback_url: callbackUrl,
  };
}

/** A group's credits are split evenly: every recipient of one text costs the same. */
function usage(creditsRemaining: number | undefined, cost: number | undefined) {
  return { ...(creditsRemaining === undefined ? {} : { creditsRemaining }), ...(cost === undefined ? {} : { cost }) };
}

/** A success we cannot read may still have sent: not retryable, so nothing goes out twice. */
function unreadableAnswer(status: number): ProviderError {
  return { code: 'REJECTED', message: 'SMS Provider accepted the request but its answer could not be read', retryable: false, providerStatus: String(status) };
}

function missingAnswer(): SendOutcome {
  return { ok: false, error: { code: 'REJECTED', message: 'SMS Provider named no message for this recipient', retryable: false, providerStatus: 'missing_in_answer' } };
}
