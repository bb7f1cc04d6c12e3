import { z } from 'zod';
import type { OutboundMessage, ProviderError, ProviderUsage, SendOutcome } from '../adapter.js';
import { countOf, type LightningMsgClient } from './client.js';
import { ITEM_ERROR_CODES } from './errors.js';
import { toWallClock } from '../zoned-time.js';

const sentItem = z.object({ sms_id: z.union([z.string().min(1), z.number().transform(String)]), status: z.string().optional() });
const sentOne = z.object({ sms_data: sentItem, total_sms: z.unknown().optional(), used_sms: z.unknown().optional() });
const sentMany = z.object({ messages: z.array(sentItem), total_sms: z.unknown().optional(), used_sms: z.unknown().optional() });

/**
 * One message goes through `send`, two or more through one `send_multiple` (texts, numbers and
 * send dates may differ per message). LightningMSG has no sender or priority parameter: the
 * sender is the account's, and a one-time code goes out like any message.
 */
export function createLightningMsgSender(client: LightningMsgClient, timeZone: string) {
  const fieldsOf = (message: OutboundMessage): Record<string, string> => ({
    mobile: message.to,
    message: message.body,
    ...(message.sendAt ? { send_date: toWallClock(message.sendAt, timeZone, 'second') } : {}),
  });

  const sendOne = async (message: OutboundMessage): Promise<SendOutcome> => {
    const answer = await client.call('send', new URLSearchParams(fieldsOf(message)));
    if (!answer.ok) return { ok: false, error: answer.error };
    const parsed = sentOne.safeParse(answer.json);
    if (!parsed.success) return { ok: false, error: unreadable('send') };
    const { sms_data: sent } = parsed.data;
    return { ok: true, providerMessageId: sent.sms_id, providerStatus: sent.status ?? 'queued', ...usageOf(parsed.data) };
  };

  const sendMany = async (batch: readonly OutboundMessage[]): Promise<SendOutcome[]> => {
    const answer = await client.call('send_multiple', multipleForm(batch.map(fieldsOf)));
    if (!answer.ok) {
      // One bad message refuses the whole request (nothing is sent): each goes again alone, so only it fails.
      if (ITEM_ERROR_CODES.has(answer.error.providerStatus ?? '')) return sendEachAlone(batch);
      return batch.map(() => ({ ok: false, error: answer.error }));
    }
    const parsed = sentMany.safeParse(answer.json);
    if (!parsed.success || parsed.data.messages.length !== batch.length) return batch.map(() => ({ ok: false, error: unreadable('send_multiple') }));
    const usage = usageOf(parsed.data);
    return parsed.data.messages.map((sent) => ({ ok: true, providerMessageId: sent.sms_id, providerStatus: sent.status ?? 'queued', ...usage }));
  };

  const sendEachAlone = async (batch: readonly OutboundMessage[]): Promise<SendOutcome[]> => {
    const outcomes: SendOutcome[] = [];
    for (const message of batch) outcomes.push(await sendOne(message));
    return outcomes;
  };

  return {
    async send(batch: readonly OutboundMessage[]): Promise<SendOutcome[]> {
      if (batch.length === 0) return [];
      return batch.length === 1 ? [await sendOne(batch[0]!)] : sendMany(batch);
    },
  };
}

/**
 * `messages` as PHP reads an array from a form (the API is PHP, its SDK too):
 * `messages[0][mobile]=…&messages[0][message]=…&messages[0][send_date]=…`.
 */
function multipleForm(messages: Array<Record<string, string>>): URLSearchParams {
  const form = new URLSearchParams();
  messages.forEach((fields, index) => {
    for (const [name, value] of Object.entries(fields)) form.append(`messages[${index}][${name}]`, value);
  });
  return form;
}

/** `total_sms` / `used_sms` after a send (the document shows them on `send` only). */
function usageOf(answer: { total_sms?: unknown; used_sms?: unknown }): { usage?: ProviderUsage } {
  const totalSms = countOf(answer.total_sms);
  const usedSms = countOf(answer.used_sms);
  if (totalSms === null && usedSms === null) return {};
  return { usage: { ...(totalSms === null ? {} : { totalSms }), ...(usedSms === null ? {} : { usedSms }) } };
}

/** A success we cannot read may still have sent the messages: failing for good avoids a double send. */
function unreadable(endpoint: string): ProviderError {
  return {
    code: 'REJECTED',
    message: `LightningMSG accepted ${endpoint} with an answer Switchboard cannot read; the messages may have gone out`,
    retryable: false,
    providerStatus: 'unreadable_response',
  };
}
