import { z } from 'zod';
import type { OutboundMessage, ProviderError, SendOutcome } from '../adapter.js';
import { toWallClock } from '../zoned-time.js';
import type { LightSmsClient } from './client.js';
import type { LightSmsOptions } from './definition.js';
import { errorFromCode } from './errors.js';

/** The document's limit on comma-separated phones in one send.php request. */
export const MAX_PHONES_PER_REQUEST = 100;

const code = z.union([z.string(), z.number().transform(String)]);
const amount = z.union([z.string().trim().min(1), z.number()]).transform(Number).pipe(z.number());

/** `{ "<phone>": { error, id_sms, cost, count_sms } }`: every key is a phone the request named. */
const sentAnswer = z.record(
  z.string(),
  z.object({ error: code, id_sms: code.optional(), cost: amount.optional(), count_sms: amount.optional() }),
);
type PhoneResult = z.infer<typeof sentAnswer>[string];

/** One send.php request: one text from one sender at one time, to distinct phones. */
interface SendRequest {
  text: string;
  sender: string;
  sendingTime: string | null;
  /** Positions in the batch, and the phone (digits, no `+`) of each. */
  indexes: number[];
  phones: string[];
}

export async function sendBatch(client: LightSmsClient, batch: readonly OutboundMessage[], options: LightSmsOptions): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = batch.map(() => ({ ok: false, error: noSender() }));
  for (const request of planRequests(batch, options)) {
    const results = await sendRequest(client, request);
    request.indexes.forEach((index, position) => (outcomes[index] = results[position]!));
  }
  return outcomes;
}

/**
 * One request per (text, sender, sendingTime) (LightSMS sends one text per request), split so a
 * request never names a phone twice: the answer is keyed by phone, so it could not tell two
 * messages to one number apart. A message with no sender and no default sender is left out
 * (LightSMS requires `sender`) and fails as noSender.
 */
function planRequests(batch: readonly OutboundMessage[], options: LightSmsOptions): SendRequest[] {
  const groups = new Map<string, SendRequest[]>();
  batch.forEach((message, index) => {
    const sender = message.sender ?? options.sender;
    if (!sender) return;
    const sendingTime = message.sendAt ? toWallClock(message.sendAt, options.timeZone, 'minute') : null;
    const phone = message.to.replace(/^\+/, '');
    const key = JSON.stringify([message.body, sender, sendingTime]);
    const requests = groups.get(key) ?? [];
    groups.set(key, requests);
    const roomy = requests.find((candidate) => candidate.phones.length < MAX_PHONES_PER_REQUEST && !candidate.phones.includes(phone));
    const request = roomy ?? { text: message.body, sender, sendingTime, indexes: [], phones: [] };
    if (!roomy) requests.push(request);
    request.indexes.push(index);
    request.phones.push(phone);
  });
  return [...groups.values()].flat();
}

async function sendRequest(client: LightSmsClient, request: SendRequest): Promise<SendOutcome[]> {
  const { text, sender, sendingTime, phones } = request;
  const result = await client.call('send.php', { phone: phones.join(','), text, sender, ...(sendingTime ? { sendingTime } : {}) });
  if (!result.ok) return phones.map(() => result);
  const parsed = sentAnswer.safeParse(result.answer);
  if (!parsed.success) return phones.map(() => ({ ok: false, error: unreadable(`an answer to send.php (HTTP ${result.status}) Switchboard cannot read`) }));
  const byPhone = new Map(Object.entries(parsed.data));
  return phones.map((phone) => outcomeOf(byPhone.get(phone)));
}

/** A non-zero `error` fails only its phone; "0" is accepted, with `cost` in the account currency. */
function outcomeOf(result: PhoneResult | undefined): SendOutcome {
  if (!result) return { ok: false, error: unreadable('no result for this phone') };
  if (result.error !== '0') return { ok: false, error: errorFromCode(result.error) };
  if (!result.id_sms) return { ok: false, error: unreadable('no id_sms for an accepted phone') };
  return { ok: true, providerMessageId: result.id_sms, providerStatus: 'accepted', ...(result.cost === undefined ? {} : { usage: { cost: result.cost } }) };
}

/** LightSMS may have sent it all the same: failing for good avoids sending it twice. */
function unreadable(what: string): ProviderError {
  return { code: 'REJECTED', message: `LightSMS answered with ${what}; the message may have gone out`, retryable: false, providerStatus: 'unreadable_response' };
}

function noSender(): ProviderError {
  return { code: 'INVALID_SENDER', message: 'LightSMS requires a sender: the message has none and the connection sets no default sender', retryable: false, providerStatus: 'no_sender' };
}
