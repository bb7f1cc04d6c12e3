import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../src/clock.js';
import type { OutboundMessage } from '../../src/providers/adapter.js';
import { lightSmsDefinition, type LightSmsCredentials } from '../../src/providers/lightsms/definition.js';
import { readAnswer } from '../../src/providers/lightsms/answer.js';
import { signParameters } from '../../src/providers/lightsms/signature.js';
import { startLightSmsEmulator, type LightSmsAccount, type LightSmsEmulator } from '../emulators/lightsms.js';
import { errorOf, outboundMessage as message } from '../support/adapters.js';

const CREDENTIALS: LightSmsCredentials = { login: 'shop-login', apiKey: 'shop-api-key' };
const ACCOUNTS: LightSmsAccount[] = [
  { ...CREDENTIALS, balance: 10, currency: 'EUR', senders: ['Shop', 'Alerts'], pendingSenders: ['NewBrand'], blacklist: ['37060000013'] },
  { login: 'tokyo-login', apiKey: 'tokyo-key', balance: 5, currency: 'EUR', timeZone: 'Asia/Tokyo', senders: ['Shop'] },
];
const DELAY_MS = 30;

let emulator: LightSmsEmulator;

beforeEach(async () => {
  emulator = await startLightSmsEmulator({ deliveryDelayMs: DELAY_MS, accounts: structuredClone(ACCOUNTS) });
});

afterEach(() => emulator.close());

function adapterWith(overrides: { credentials?: Partial<LightSmsCredentials>; options?: object; timeoutMs?: number; clock?: Clock } = {}) {
  return lightSmsDefinition.create({
    connectionId: 'conn-1',
    credentials: { ...CREDENTIALS, ...overrides.credentials },
    baseUrl: emulator.baseUrl,
    webhookUrl: 'http://127.0.0.1:1/webhooks/lightsms/conn-1',
    options: lightSmsDefinition.options.parse({ ...overrides.options }),
    clock: overrides.clock ?? systemClock,
    timeoutMs: overrides.timeoutMs ?? 2000,
  });
}


const query = (index = 0) => emulator.requests[index]!.query;
const paths = () => emulator.requests.map((request) => request.path.replace('/external/get/', ''));
const phoneNumber = (i: number) => `+3706${String(1_000_000 + i)}`;

/** Calls the emulator directly with parameters signed the document's way; the answer as text. */
async function callEmulator(endpoint: string, params: Record<string, string>) {
  const unsigned = { login: CREDENTIALS.login, timestamp: String(Math.floor(Date.now() / 1000)), return: 'json', ...params };
  const response = await fetch(`${emulator.baseUrl}${endpoint}?${new URLSearchParams({ ...unsigned, signature: signParameters(unsigned, CREDENTIALS.apiKey) })}`);
  return response.text();
}

describe('LightSMS definition', () => {
  it('options default to UTC and JSON answers; an unknown zone, format or an empty sender is refused', () => {
    expect(lightSmsDefinition.options.parse({})).toEqual({ timeZone: 'UTC', responseFormat: 'json' });
    for (const [options, text] of [
      [{ timeZone: 'Mars/Olympus' }, 'not an IANA time zone'],
      [{ responseFormat: 'csv' }, 'responseFormat must be "json" or "xml"'],
      [{ sender: ' ' }, 'sender must not be empty'],
      [{ colour: 'red' }, 'colour'],
    ] as const) {
      const issues = lightSmsDefinition.options.safeParse(options).error?.issues ?? [];
      expect(issues.map((issue) => `${issue.message} ${'keys' in issue ? issue.keys.join() : ''}`).join()).toContain(text);
    }
  });

  it('credentials need login and apiKey, and nothing else', () => {
    expect(lightSmsDefinition.credentials.safeParse(CREDENTIALS).success).toBe(true);
    const missing = lightSmsDefinition.credentials.safeParse({ login: ' ' });
    expect(missing.error?.issues.map((issue) => issue.path[0])).toEqual(['login', 'apiKey']);
    expect(lightSmsDefinition.credentials.safeParse({ ...CREDENTIALS, password: 'x' }).success).toBe(false);
  });
});

describe('LightSMS signature', () => {
  it('is the document’s md5 of the values in ascending key order, then the API key (a fixed vector)', () => {
    const params = { login: 'YourLogin', phone: '37061234567', text: 'Hello from LightSMS!', sender: 'YourSender', timestamp: '1732809600', return: 'json' };
    // ksort: login, phone, return, sender, text, timestamp.
    const byHand = createHash('md5').update('YourLogin' + '37061234567' + 'json' + 'YourSender' + 'Hello from LightSMS!' + '1732809600' + 'your_api_key').digest('hex');
    expect(signParameters(params, 'your_api_key')).toBe(byHand);
    expect(byHand).toBe('5eb4b85299b6e906ea19703f5463b843');
    expect(signParameters({ ...params, signature: 'ignored' }, 'your_api_key')).toBe(byHand);
  });

  it('the emulator refuses a signature over the values in the order given (error 1) and takes the sorted one', async () => {
    const params = { login: CREDENTIALS.login, phone: '37061234567', text: 'Hi', sender: 'Shop', timestamp: String(Math.floor(Date.now() / 1000)), return: 'json' };
    const unsorted = createHash('md5').update(Object.values(params).join('') + CREDENTIALS.apiKey).digest('hex');
    const refused = await fetch(`${emulator.baseUrl}send.php?${new URLSearchParams({ ...params, signature: unsorted })}`);
    expect(await refused.json()).toEqual({ error: '1', message: 'Wrong login or signature' });
    const sent = await fetch(`${emulator.baseUrl}send.php?${new URLSearchParams({ ...params, signature: signParameters(params, CREDENTIALS.apiKey) })}`);
    expect(await sent.json()).toMatchObject({ '37061234567': { error: '0' } });
  });
});

describe('LightSMS sending', () => {
  it('sends one message as a signed GET to send.php with the phone without +, and reads id_sms and cost', async () => {
    const [outcome] = await adapterWith().send([message('+37061234567')]);
    const stored = emulator.messages[0]!;
    expect(outcome).toEqual({ ok: true, providerMessageId: stored.idSms, providerStatus: 'accepted', usage: { cost: 0.0144 } });
    expect([emulator.requests[0]!.method, emulator.requests[0]!.path]).toEqual(['GET', '/external/get/send.php']);
    const { signature, timestamp, ...rest } = Object.fromEntries(query());
    expect(rest).toEqual({ phone: '37061234567', text: 'Your order shipped', sender: 'Shop', login: 'shop-login', return: 'json' });
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(signature).toBe(signParameters({ ...rest, timestamp: timestamp! }, CREDENTIALS.apiKey));
    expect(stored).toMatchObject({ phone: '37061234567', sender: 'Shop', countSms: 1, status: 'sent' });
    expect(emulator.accounts[0]!.balance).toBe(9.9856);
  });

  it('turns a batch of 100 into one request per (text, sender, send time) and one outcome per message in order', async () => {
    const batch = Array.from({ length: 100 }, (_, i) =>
      i % 4 === 0 ? message(phoneNumber(i), { sender: 'Alerts', body: 'Code 1234', otp: true }) : message(phoneNumber(i), { body: i % 2 ? 'Odd news' : 'Even news' }),
    );
    const outcomes = await adapterWith().send(batch);
    expect(emulator.requests.map((_, i) => query(i).get('phone')!.split(',').length).sort()).toEqual([25, 25, 50]);
    expect(outcomes).toHaveLength(100);
    outcomes.forEach((outcome, i) => {
      const stored = emulator.messages.find((m) => outcome.ok && m.idSms === outcome.providerMessageId);
      expect([stored?.phone, stored?.text, stored?.sender]).toEqual([batch[i]!.to.slice(1), batch[i]!.body, batch[i]!.sender]);
    });
  });

  it('a 150-number group comes as two batches (maxBatchSize 100) and goes as two requests of 100 and 50', async () => {
    const adapter = adapterWith();
    expect(adapter.capabilities.maxBatchSize).toBe(100);
    const batch = Array.from({ length: 150 }, (_, i) => message(phoneNumber(i)));
    const outcomes = [...(await adapter.send(batch.slice(0, 100))), ...(await adapter.send(batch.slice(100)))];
    expect(emulator.requests.map((_, i) => query(i).get('phone')!.split(',').length)).toEqual([100, 50]);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(new Set(outcomes.map((outcome) => outcome.ok && outcome.providerMessageId)).size).toBe(150);
  });

  it('two messages to one number in one group go in two requests, since the answer is keyed by phone', async () => {
    const outcomes = await adapterWith().send([message('+37061234567'), message('+37061234568'), message('+37061234567')]);
    expect(emulator.requests.map((_, i) => query(i).get('phone'))).toEqual(['37061234567,37061234568', '37061234567']);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(new Set(outcomes.map((outcome) => outcome.ok && outcome.providerMessageId)).size).toBe(3);
  });

  it('uses the connection’s sender when a message has none, and fails it without a request when there is none', async () => {
    await adapterWith({ options: { sender: 'Alerts' } }).send([message('+37061234567', { sender: null })]);
    expect(query().get('sender')).toBe('Alerts');
    const outcomes = await adapterWith().send([message('+37061234567', { sender: null }), message('+37061234568')]);
    expect(errorOf(outcomes[0])).toMatchObject({ code: 'INVALID_SENDER', retryable: false, providerStatus: 'no_sender' });
    expect([outcomes[1]!.ok, emulator.requests.length]).toEqual([true, 2]);
  });

  it('counts parts by GSM-7 and UCS-2 segmentation: cost and count_sms follow them', async () => {
    const [gsm, ucs] = await adapterWith().send([message('+37061234567', { body: 'a'.repeat(161) }), message('+37061234567', { body: 'Привет '.repeat(11) })]);
    expect([gsm?.ok && gsm.usage?.cost, ucs?.ok && ucs.usage?.cost]).toEqual([0.0288, 0.0288]);
    expect(emulator.messages.map((m) => m.countSms)).toEqual([2, 2]);
  });

  it('asks for XML with responseFormat xml and reads the document’s <phones><phone …/> answer', async () => {
    emulator.accounts[0]!.blacklist = ['37061234568'];
    const outcomes = await adapterWith({ options: { responseFormat: 'xml' } }).send([message('+37061234567'), message('+37061234568')]);
    expect(query().get('return')).toBe('xml');
    expect(outcomes[0]).toEqual({ ok: true, providerMessageId: emulator.messages[0]!.idSms, providerStatus: 'accepted', usage: { cost: 0.0144 } });
    expect(errorOf(outcomes[1])).toMatchObject({ code: 'RECIPIENT_BLOCKED', providerStatus: '13' });
  });

  it('the emulator answers XML in the document’s shape', async () => {
    const body = await callEmulator('send.php', { phone: '37061234567', text: 'Hi', sender: 'Shop', return: 'xml' });
    const { idSms } = emulator.messages[0]!;
    expect(body).toBe(
      `<?xml version="1.0" encoding="utf-8"?>\n<response>\n<phones>\n<phone phone="37061234567" error="0" id_sms="${idSms}" cost="0.0144" count_sms="1" />\n</phones>\n</response>\n`,
    );
  });

  it('reads request-level refusals and the balance in XML too', async () => {
    const adapter = adapterWith({ options: { responseFormat: 'xml' }, credentials: { apiKey: 'wrong' } });
    const [outcome] = await adapter.send([message('+37061234567')]);
    expect(errorOf(outcome)).toMatchObject({ code: 'AUTHENTICATION_FAILED', providerStatus: '1' });
    const packages = await adapterWith({ options: { responseFormat: 'xml' } }).fetchPackages();
    expect(packages).toMatchObject({ ok: true, packages: [{ balance: { amount: 10, currency: 'EUR' } }] });
  });

  it('reads XML strictly: attributes and entities only, anything else is unreadable', () => {
    expect(readAnswer('<response error="1" message="a &amp; b &#60;c&#x3e;" />')).toEqual({ error: '1', message: 'a & b <c>' });
    expect(readAnswer('<response><phones><phone phone="__proto__" error="0" /></phones></response>')).toEqual(Object.fromEntries([['__proto__', { error: '0' }]]));
    for (const unreadable of ['<response>text</response>', '<response><phones></response>', '<response a="&bogus;" />', '<reply />', '<response /><response />', '<response><!-- x --></response>']) {
      expect(readAnswer(unreadable)).toBeUndefined();
    }
  });

  it('schedules at LightSMS with sendingTime YYYY-MM-DD HH:MM in the account time zone, rounded up to the minute', async () => {
    const adapter = adapterWith({ credentials: { login: 'tokyo-login', apiKey: 'tokyo-key' }, options: { timeZone: 'Asia/Tokyo' } });
    const minute = Math.floor(Date.now() / 60_000) * 60_000 + 2 * 86_400_000;
    const outcomes = await adapter.send([message('+37061234567', { sendAt: new Date(minute) }), message('+37061234568', { sendAt: new Date(minute + 1_500) })]);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const tokyo = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(emulator.requests.map((_, i) => query(i).get('sendingTime'))).toEqual([tokyo(minute), tokyo(minute + 60_000)]);
    expect(emulator.messages.map((m) => [m.sendingTime, m.status])).toEqual([[tokyo(minute), 'scheduled'], [tokyo(minute + 60_000), 'scheduled']]);
  });

  it('a sendingTime LightSMS finds past is INVALID_SCHEDULE_DATE (our error 3), not retried', async () => {
    const [outcome] = await adapterWith().send([message('+37061234567', { sendAt: new Date(Date.now() - 600_000) })]);
    expect(errorOf(outcome)).toMatchObject({ code: 'INVALID_SCHEDULE_DATE', retryable: false, providerStatus: '3' });
    expect(emulator.messages).toHaveLength(0);
  });

  it('reports the balance as one package, less what was sent', async () => {
    const adapter = adapterWith();
    await adapter.send([message('+37061234567')]);
    expect(await adapter.fetchPackages()).toEqual({
      ok: true,
      packages: [{ name: 'LightSMS balance', totalSms: null, usedSms: null, expiresAt: null, balance: { amount: 9.9856, currency: 'EUR' }, credits: null }],
    });
    expect(paths()).toEqual(['send.php', 'balance.php']);
    expect(Object.keys(Object.fromEntries(query(1))).sort()).toEqual(['login', 'return', 'signature', 'timestamp']);
  });

  it('offers no cancel or status look-up, and refuses every webhook call: LightSMS sends no callbacks', async () => {
    const adapter = adapterWith();
    for (const result of [await adapter.cancel('1'), await adapter.fetchStatus('1')]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED', retryable: false } });
    }
    const call = { method: 'POST', headers: { 'content-type': 'application/json' }, query: new URLSearchParams({ id_sms: '1' }), rawBody: Buffer.from('{"status":"delivered"}') };
    expect(adapter.parseWebhook(call)).toEqual({ ok: false, reason: 'MALFORMED', message: 'LightSMS sends no callbacks' });
    expect(adapter.capabilities).toMatchObject({ statusDelivery: 'none', nativeCancel: false, nativeScheduling: true });
  });

  it('the emulator delivers after deliveryDelayMs, and fails a number made to fail', async () => {
    emulator.failDelivery('37061234568');
    await adapterWith().send([message('+37061234567'), message('+37061234568')]);
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS * 3));
    expect(emulator.messages.map((m) => m.status)).toEqual(['delivered', 'failed']);
  });
});

describe('LightSMS clock', () => {
  it('a timestamp off by more than 300 s (error 4) is corrected from timestamp.php and retried once; later requests use the offset', async () => {
    emulator.clockSkewSeconds = 600;
    const adapter = adapterWith();
    const [outcome] = await adapter.send([message('+37061234567')]);
    expect(outcome?.ok).toBe(true);
    expect(paths()).toEqual(['send.php', 'timestamp.php', 'send.php']);
    expect(Number(query(2).get('timestamp')) - Number(query(0).get('timestamp'))).toBeGreaterThanOrEqual(598);
    await adapter.send([message('+37061234568')]);
    expect(paths()).toHaveLength(4);
  });

  it('timestamp.php answers the server time as plain UTC seconds', async () => {
    emulator.clockSkewSeconds = -120;
    const text = await (await fetch(`${emulator.baseUrl}timestamp.php`)).text();
    expect(Number(text.trim()) - Date.now() / 1000).toBeCloseTo(-120, -1);
  });

  it('error 4 again after the correction is PROVIDER_UNAVAILABLE, retryable', async () => {
    emulator.refuseNext('4', 2);
    const [outcome] = await adapterWith().send([message('+37061234567')]);
    expect(errorOf(outcome)).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerStatus: '4' });
    expect(paths()).toEqual(['send.php', 'timestamp.php', 'send.php']);
  });

  it('an unreachable timestamp.php leaves the send PROVIDER_UNAVAILABLE, retryable', async () => {
    emulator.clockSkewSeconds = 600;
    emulator.timestampUnavailable = true;
    const [outcome] = await adapterWith().send([message('+37061234567')]);
    expect(errorOf(outcome)).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerStatus: '503' });
    expect(paths()).toEqual(['send.php', 'timestamp.php']);
  });
});

describe('LightSMS errors', () => {
  const sendOne = async (to = '+37061234567', overrides: Partial<OutboundMessage> = {}, adapter = adapterWith()) => errorOf((await adapter.send([message(to, overrides)]))[0]);

  it('a wrong apiKey or login, or rejected credentials, is AUTHENTICATION_FAILED (error 1), not retried', async () => {
    for (const credentials of [{ apiKey: 'wrong' }, { login: 'nobody' }]) {
      expect(await sendOne(undefined, undefined, adapterWith({ credentials }))).toMatchObject({ code: 'AUTHENTICATION_FAILED', retryable: false, providerStatus: '1' });
    }
    emulator.faults.rejectCredentials = true;
    expect(await sendOne()).toMatchObject({ code: 'AUTHENTICATION_FAILED', providerStatus: '1' });
    expect(await adapterWith().fetchPackages()).toMatchObject({ ok: false, error: { code: 'AUTHENTICATION_FAILED' } });
  });

  it('a missing parameter (an empty text) is REJECTED (error 2)', async () => {
    expect(await sendOne(undefined, { body: '' })).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: '2' });
  });

  it('a text over 10 parts is MESSAGE_TOO_LONG (error 5)', async () => {
    expect(await sendOne(undefined, { body: 'x'.repeat(153 * 10 + 1) })).toMatchObject({ code: 'MESSAGE_TOO_LONG', retryable: false, providerStatus: '5' });
  });

  it('more than 100 phones in one request is refused by the emulator with error 6, and read as REJECTED', async () => {
    const phones = Array.from({ length: 101 }, (_, i) => phoneNumber(i).slice(1)).join(',');
    expect(JSON.parse(await callEmulator('send.php', { phone: phones, text: 'Hi', sender: 'Shop' }))).toEqual({ error: '6', message: 'At most 100 phone numbers per request' });
    emulator.refuseNext('6');
    expect(await sendOne()).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: '6' });
  });

  it('an unreadable number fails only that phone: INVALID_PHONE_NUMBER (error 7)', async () => {
    const outcomes = await adapterWith().send([message('+37061234567'), message('+3706'), message('+37061234568')]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    expect(errorOf(outcomes[1])).toMatchObject({ code: 'INVALID_PHONE_NUMBER', retryable: false, providerStatus: '7' });
    expect(emulator.requests).toHaveLength(1);
  });

  it('a malformed or unapproved sender is INVALID_SENDER (error 8), an unregistered one too (error 9)', async () => {
    for (const [sender, code] of [['Far too long a name', '8'], ['NewBrand', '8'], ['Stranger', '9']] as const) {
      expect(await sendOne(undefined, { sender })).toMatchObject({ code: 'INVALID_SENDER', retryable: false, providerStatus: code });
    }
  });

  it('forbidden words are CONTENT_REJECTED (error 11) for every phone', async () => {
    const outcomes = await adapterWith().send([message('+37061234567', { body: 'Win at the CASINO' }), message('+37061234568', { body: 'Win at the CASINO' })]);
    expect(outcomes.map(errorOf)).toEqual(Array(2).fill(expect.objectContaining({ code: 'CONTENT_REJECTED', retryable: false, providerStatus: '11' })));
  });

  it('a blacklisted phone is RECIPIENT_BLOCKED (error 13), the rest of its request goes', async () => {
    const outcomes = await adapterWith().send([message('+37060000013'), message('+37061234567')]);
    expect(errorOf(outcomes[0])).toMatchObject({ code: 'RECIPIENT_BLOCKED', retryable: false, providerStatus: '13' });
    expect(outcomes[1]?.ok).toBe(true);
  });

  it('not enough money is INSUFFICIENT_CREDITS (error 32), retryable, once the balance runs out', async () => {
    emulator.accounts[0]!.balance = 0.03;
    const outcomes = await adapterWith().send([message('+37061234567'), message('+37061234568'), message('+37061234569')]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false]);
    expect(errorOf(outcomes[2])).toMatchObject({ code: 'INSUFFICIENT_CREDITS', retryable: true, providerStatus: '32' });
    emulator.faults.outOfCredits = true;
    expect(await sendOne()).toMatchObject({ code: 'INSUFFICIENT_CREDITS', retryable: true, providerStatus: '32' });
  });

  it('an unknown code is REJECTED with the code kept', async () => {
    emulator.refuseNext('77');
    expect(await sendOne()).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: '77' });
  });

  it('429 is RATE_LIMITED with Retry-After as retryAfterMs', async () => {
    emulator.faults.rateLimitNext(1);
    expect(await sendOne()).toMatchObject({ code: 'RATE_LIMITED', retryable: true, providerStatus: '429', retryAfterMs: 1000 });
  });

  it('a 5xx is PROVIDER_UNAVAILABLE, retryable', async () => {
    emulator.faults.failNext(1, 502);
    expect(await sendOne()).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerStatus: '502' });
    emulator.faults.failNext(1, 503);
    expect(await adapterWith().fetchPackages()).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNAVAILABLE', retryable: true } });
  });

  it('no answer within timeoutMs is PROVIDER_UNAVAILABLE, retryable', async () => {
    emulator.faults.timeoutNext(1);
    expect(await sendOne(undefined, undefined, adapterWith({ timeoutMs: 300 }))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerStatus: 'timeout' });
  });

  it('an empty 200 is a send that may have gone out (REJECTED, not retried) but a balance worth asking again', async () => {
    emulator.faults.failNext(1, 200);
    expect(await sendOne()).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: 'unreadable_response' });
    emulator.faults.failNext(1, 200);
    expect(await adapterWith().fetchPackages()).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNAVAILABLE', retryable: true } });
  });
});
