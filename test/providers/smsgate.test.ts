import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import type { OutboundMessage, ProviderAdapter } from '../../src/providers/adapter.js';
import { smsGateDefinition, type SmsGateCredentials } from '../../src/providers/smsgate/definition.js';
import { startSmsGateEmulator, type SmsGateEmulator, type SmsGateEmulatorOptions } from '../emulators/smsgate.js';
import { errorOf } from '../support/adapters.js';

const V1 = { username: 'user123', password: 'pass123' };
const V2 = { apiKey: 'sg_live_switchboard' };
const ACCOUNT = { ...V1, ...V2, balance: 1000, currency: 'KES' };

let emulator: SmsGateEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface AdapterSettings {
  credentials?: SmsGateCredentials;
  timeoutMs?: number;
  requestsPerMinute?: number;
  baseUrl?: string;
}

async function setUp(options: Partial<SmsGateEmulatorOptions> = {}, settings: AdapterSettings = {}) {
  emulator = await startSmsGateEmulator({ accounts: [{ ...ACCOUNT }], deliveryDelayMs: 50, requestsPerMinute: 1000, ...options });
  return { emulator, adapter: adapterFor(emulator, settings) };
}

/** Credentials go in unparsed, so a test can send what the schema would refuse (an empty key). */
function adapterFor(target: SmsGateEmulator, { credentials = V2, timeoutMs = 2000, requestsPerMinute = 6000, baseUrl = target.url }: AdapterSettings = {}): ProviderAdapter {
  return smsGateDefinition.create({
    connectionId: 'conn_smsgate',
    credentials,
    baseUrl,
    webhookUrl: 'http://127.0.0.1:1/webhooks/smsgate/conn_smsgate',
    options: smsGateDefinition.options.parse({ requestsPerMinute }),
    clock: systemClock,
    timeoutMs,
  });
}

let sequence = 0;
function message(fields: Partial<OutboundMessage> = {}): OutboundMessage {
  sequence += 1;
  return { id: `m${sequence}`, to: `+2547${String(sequence).padStart(8, '0')}`, sender: 'Switchboard', body: 'Your code is 1234', sendAt: null, otp: false, ...fields };
}

const formOf = (target: SmsGateEmulator, index = 0) => Object.fromEntries(new URLSearchParams(target.requests[index]?.body ?? ''));
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendOne(adapter: ProviderAdapter, fields: Partial<OutboundMessage> = {}) {
  const [outcome] = await adapter.send([message(fields)]);
  return outcome;
}

describe('the SMSGate definition', () => {
  it('reads empty options as Kenya at 60 requests a minute, and has no default address', () => {
    expect(smsGateDefinition.options.parse({})).toEqual({ country: 'KE', requestsPerMinute: 60 });
    expect(smsGateDefinition.capabilities).toEqual({ maxBatchSize: 100, nativeScheduling: false, nativeCancel: false, statusDelivery: 'none', rateLimit: { requests: 60, perMs: 60_000 } });
    expect(smsGateDefinition.defaultBaseUrl).toBe('');
    expect(smsGateDefinition.options.safeParse({ country: 'XX' }).success).toBe(false);
    expect(smsGateDefinition.options.safeParse({ requestsPerMinute: 0 }).success).toBe(false);
  });

  it('takes username + password (v1) or apiKey (v2), and says which when given neither, both or half', () => {
    expect(smsGateDefinition.credentials.parse(V1)).toEqual(V1);
    expect(smsGateDefinition.credentials.parse(V2)).toEqual(V2);
    const messageFor = (input: object) => smsGateDefinition.credentials.safeParse(input).error?.issues[0]?.message;
    expect(messageFor({})).toMatch(/either username and password .* or apiKey/);
    expect(messageFor({ ...V1, ...V2 })).toMatch(/not both/);
    expect(messageFor({ username: 'user123' })).toMatch(/needs both username and password/);
    expect(messageFor({ username: 'user123', password: ' ' })).toBe('password must not be empty: the SMSGate account password (API v1)');
    expect(messageFor({ apiKey: 42 })).toBe('SMSGate API v2 needs apiKey, as a string');
    expect(messageFor({ ...V2, extra: 1 })).toBe('Unrecognized key: "extra"');
  });
});

describe('sending through SMSGate', () => {
  it('sends one message with API v1: a form with local numbers, message_body, username and password; our own reference comes back', async () => {
    const { emulator } = await setUp();
    const adapter = adapterFor(emulator, { credentials: V1 });
    const outcome = await sendOne(adapter, { id: 'msg_1', to: '+254701234567', body: 'Hello, this is a test message.' });
    expect(outcome).toEqual({ ok: true, providerMessageId: 'smsgate-v1:msg_1', providerStatus: 'accepted' });
    const [request] = emulator.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/sms/send' });
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers['x-api-key']).toBeUndefined();
    expect(formOf(emulator)).toEqual({ numbers: '0701234567', message_body: 'Hello, this is a test message.', ...V1 });
    expect(emulator.messages).toMatchObject([{ version: 'v1', number: '0701234567', body: 'Hello, this is a test message.' }]);
  });

  it('sends one message with API v2: X-API-Key, no credentials in the form, and SMSGate’s message_id comes back', async () => {
    const { emulator, adapter } = await setUp();
    const outcome = await sendOne(adapter, { to: '+254712345678' });
    const [request] = emulator.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/api/v2/sms/send' });
    expect(request?.headers['x-api-key']).toBe(V2.apiKey);
    expect(formOf(emulator)).toEqual({ numbers: '0712345678', message_body: 'Your code is 1234' });
    expect(outcome).toEqual({ ok: true, providerMessageId: emulator.messages[0]?.id, providerStatus: 'accepted' });
    expect(emulator.balance(V2.apiKey)).toBe(999);
  });

  it('sends another country’s number in international format with its +', async () => {
    const { emulator, adapter } = await setUp();
    expect((await sendOne(adapter, { to: '+447946000001' }))?.ok).toBe(true);
    expect(formOf(emulator).numbers).toBe('+447946000001');
  });

  it('turns a batch of 100 into one request per text, numbers comma-separated, outcomes in order', async () => {
    const { emulator, adapter } = await setUp();
    // Sender and otp have no SMSGate parameter, so they do not split a group.
    const batch = Array.from({ length: 100 }, (_, i) => message({ body: `Text ${i % 4}`, sender: i % 2 ? null : 'Shop', otp: i % 3 === 0 }));
    const outcomes = await adapter.send(batch);
    expect(emulator.requests).toHaveLength(4);
    const forms = emulator.requests.map((_, i) => formOf(emulator!, i));
    expect(forms.map((form) => form.numbers?.split(',').length)).toEqual([25, 25, 25, 25]);
    expect(new Set(forms.map((form) => form.message_body))).toEqual(new Set(['Text 0', 'Text 1', 'Text 2', 'Text 3']));
    outcomes.forEach((outcome, i) => {
      const stored = emulator.messages.find((entry) => outcome.ok && entry.id === outcome.providerMessageId);
      expect(stored).toMatchObject({ number: `0${batch[i]?.to.slice(4)}`, body: batch[i]?.body });
    });
  });

  it('falls back to our own reference when v2 answers 2xx without readable messages', async () => {
    const { emulator, adapter } = await setUp();
    emulator.faults.failNext(1, 200);
    expect(await sendOne(adapter, { id: 'msg_empty' })).toEqual({ ok: true, providerMessageId: 'smsgate-v1:msg_empty', providerStatus: 'accepted' });
  });

  it('cannot schedule: a message with sendAt is refused as NOT_SUPPORTED and never sent', async () => {
    const { emulator, adapter } = await setUp();
    const outcomes = await adapter.send([message({ sendAt: new Date(Date.now() + 60_000) }), message()]);
    expect(errorOf(outcomes[0])).toMatchObject({ code: 'NOT_SUPPORTED', retryable: false });
    expect(outcomes[1]?.ok).toBe(true);
    expect(emulator.messages).toHaveLength(1);
  });

  it('offers no cancel, status look-up or callbacks', async () => {
    const { emulator, adapter } = await setUp();
    expect(await adapter.cancel('x')).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED', retryable: false } });
    expect(await adapter.fetchStatus('x')).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED', retryable: false } });
    emulator.failDelivery('0701234567');
    await adapter.send([message({ to: '+254701234567' }), message({ to: '+254701234568' })]);
    await wait(120);
    expect(emulator.messages.map((entry) => entry.status)).toEqual(['failed', 'delivered']);
    expect(emulator.callbacks).toEqual([]);
  });
});

describe('SMSGate balance', () => {
  it('reads GET api/v2/account/balance as one package with an amount and currency', async () => {
    const { emulator, adapter } = await setUp();
    await adapter.send([message(), message()]);
    expect(await adapter.fetchPackages()).toEqual({
      ok: true,
      packages: [{ name: 'SMSGate balance', totalSms: null, usedSms: null, expiresAt: null, balance: { amount: 998, currency: 'KES' }, credits: null }],
    });
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/v2/account/balance', headers: { 'x-api-key': V2.apiKey } });
  });

  it('is NOT_SUPPORTED with v1 credentials, which have no balance endpoint', async () => {
    const { emulator } = await setUp();
    expect(await adapterFor(emulator, { credentials: V1 }).fetchPackages()).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('SMSGate errors', () => {
  it('maps 400 "Invalid phone number format." to INVALID_PHONE_NUMBER, not retryable', async () => {
    const { adapter } = await setUp();
    expect(errorOf(await sendOne(adapter, { to: '+12' }))).toMatchObject({ code: 'INVALID_PHONE_NUMBER', retryable: false, providerStatus: '400', message: 'Invalid phone number format.' });
    expect(errorOf(await sendOne(adapter, { to: '+25470123456' }))).toMatchObject({ code: 'INVALID_PHONE_NUMBER' });
  });

  it('resends a refused group one number at a time so only the bad number fails', async () => {
    const { emulator, adapter } = await setUp();
    const outcomes = await adapter.send([message(), message({ to: '+12' }), message()]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    expect(emulator.requests.map((request) => new URLSearchParams(request.body).get('numbers')?.split(',').length)).toEqual([3, 1, 1, 1]);
    expect(emulator.balance(V2.apiKey)).toBe(998);
  });

  it('maps any other 400 to REJECTED with SMSGate’s text', async () => {
    const { adapter } = await setUp();
    expect(errorOf(await sendOne(adapter, { body: '' }))).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: '400', message: 'The message body field is required.' });
  });

  it('maps v1’s 401 "Unauthorized." (wrong password, or the rejectCredentials fault) to AUTHENTICATION_FAILED', async () => {
    const { emulator } = await setUp();
    const wrong = adapterFor(emulator, { credentials: { ...V1, password: 'nope' } });
    expect(errorOf(await sendOne(wrong))).toMatchObject({ code: 'AUTHENTICATION_FAILED', retryable: false, providerStatus: '401', message: expect.stringContaining('Unauthorized.') });
    emulator.faults.rejectCredentials = true;
    expect(errorOf(await sendOne(adapterFor(emulator, { credentials: V1 })))).toMatchObject({ code: 'AUTHENTICATION_FAILED' });
  });

  it('maps v2’s 401s (no key, a wrong key, the rejectCredentials fault) to AUTHENTICATION_FAILED', async () => {
    const { emulator, adapter } = await setUp();
    const missing = errorOf(await sendOne(adapterFor(emulator, { credentials: { apiKey: '' } })));
    expect(missing).toMatchObject({ code: 'AUTHENTICATION_FAILED', retryable: false, message: expect.stringContaining('API key is required (Provide X-API-Key header or api_key parameter)') });
    const wrong = errorOf(await sendOne(adapterFor(emulator, { credentials: { apiKey: 'sg_wrong' } })));
    expect(wrong).toMatchObject({ code: 'AUTHENTICATION_FAILED', message: expect.stringContaining('Invalid API key.') });
    emulator.faults.rejectCredentials = true;
    expect(await adapter.fetchPackages()).toMatchObject({ ok: false, error: { code: 'AUTHENTICATION_FAILED', providerStatus: '401' } });
  });

  it('maps 402 "Insufficient balance." (too little balance, or the outOfCredits fault) to INSUFFICIENT_CREDITS, retryable', async () => {
    const { emulator, adapter } = await setUp();
    emulator.setBalance(V2.apiKey, 2);
    const outcomes = await adapter.send([message(), message(), message()]);
    expect(outcomes.map(errorOf)).toEqual(Array(3).fill(expect.objectContaining({ code: 'INSUFFICIENT_CREDITS', retryable: true, providerStatus: '402', message: 'Insufficient balance.' })));
    expect(emulator.messages).toHaveLength(0);
    emulator.setBalance(V2.apiKey, 100);
    emulator.faults.outOfCredits = true;
    expect(errorOf(await sendOne(adapterFor(emulator, { credentials: V1 })))).toMatchObject({ code: 'INSUFFICIENT_CREDITS', retryable: true });
  });

  it('maps 429 to RATE_LIMITED with retryAfterMs from Retry-After, and holds the next request until then', async () => {
    const { emulator, adapter } = await setUp();
    emulator.faults.rateLimitNext(1);
    expect(errorOf(await sendOne(adapter))).toMatchObject({ code: 'RATE_LIMITED', retryable: true, providerStatus: '429', retryAfterMs: 1000 });
    expect((await sendOne(adapter))?.ok).toBe(true);
    const [first, second] = emulator.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('maps a 5xx, and the documented 500 {"message": "Server Error"}, to PROVIDER_UNAVAILABLE, retryable', async () => {
    const { emulator, adapter } = await setUp();
    emulator.faults.failNext(1, 502);
    expect(errorOf(await sendOne(adapter))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerStatus: '502' });
    emulator.serverErrorNext(1);
    expect(errorOf(await sendOne(adapter))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerStatus: '500', message: expect.stringContaining('Server Error') });
  });

  it('maps no answer within timeoutMs to PROVIDER_UNAVAILABLE, retryable', async () => {
    const { emulator, adapter } = await setUp({}, { timeoutMs: 300 });
    emulator.faults.timeoutNext(1);
    expect(errorOf(await sendOne(adapter))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerStatus: 'timeout' });
  });

  it('refuses to send without a baseUrl, since SMSGate documents no address', async () => {
    const { emulator } = await setUp();
    const adapter = adapterFor(emulator, { baseUrl: '' });
    expect(errorOf(await sendOne(adapter))).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: 'no_base_url' });
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('the SMSGate emulator', () => {
  it('takes credentials as URL parameters too (v1 username/password, v2 api_key)', async () => {
    const { emulator } = await setUp();
    const form = { numbers: '0701234567, 0712345678', message_body: 'Hello' };
    const post = (path: string) => fetch(`${emulator.url}${path}`, { method: 'POST', body: new URLSearchParams(form) });
    expect((await post(`/v1/sms/send?${new URLSearchParams(V1)}`)).status).toBe(200);
    const v2 = await post(`/api/v2/sms/send?api_key=${V2.apiKey}`);
    expect(await v2.json()).toMatchObject({ status: 'success', messages: [{ number: '0701234567' }, { number: '0712345678' }] });
  });

  it('answers the documented 401 with x-ratelimit headers when no API key is given, and 500 on GET api/v2', async () => {
    const { emulator } = await setUp({ requestsPerMinute: undefined });
    const answer = await fetch(`${emulator.url}/api/v2/sms/send`);
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({ error: 'API key is required', help: 'Provide X-API-Key header or api_key parameter' });
    expect([answer.headers.get('x-ratelimit-limit'), answer.headers.get('x-ratelimit-remaining')]).toEqual(['60', '59']);
    const swagger = await fetch(`${emulator.url}/api/v2`);
    expect([swagger.status, await swagger.json()]).toEqual([500, { message: 'Server Error' }]);
  });

  it('refuses the 6th request in its window with 429, Retry-After and x-ratelimit-reset', async () => {
    const { emulator } = await setUp({ requestsPerMinute: 5, windowMs: 1000 });
    const answers = await Promise.all(Array.from({ length: 6 }, () => fetch(`${emulator.url}/api/v2/account/balance`, { headers: { 'x-api-key': V2.apiKey } })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = answers.find((answer) => answer.status === 429);
    expect(await refused?.json()).toEqual({ message: 'Too Many Attempts.' });
    expect(refused?.headers.get('retry-after')).toBe('1');
    expect([refused?.headers.get('x-ratelimit-remaining'), refused?.headers.get('x-ratelimit-reset')]).toEqual(['0', '1']);
  });
});

describe('SMSGate rate limit', () => {
  it('sends only 5 of 12 within the minute at 5 requests per minute; the rest are refused here, not by SMSGate, to go elsewhere or later', async () => {
    const { emulator, adapter } = await setUp({ requestsPerMinute: 5, windowMs: 1000 }, { requestsPerMinute: 5 });
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => sendOne(adapter)));
    expect(emulator.requests).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome?.ok)).toHaveLength(5);
    const refused = outcomes.filter((outcome) => outcome && !outcome.ok);
    expect(refused).toHaveLength(7);
    for (const outcome of refused) {
      expect(outcome).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: true, providerStatus: 'local_rate_limit' } });
      expect(!outcome!.ok && outcome!.error.retryAfterMs).toBeGreaterThan(50_000);
    }
    const times = emulator.requests.map((request) => request.at);
    const busiest = Math.max(...times.map((start) => times.filter((at) => at >= start && at < start + 60_000).length));
    expect(busiest).toBeLessThanOrEqual(5);
  });

  it('holds requests when x-ratelimit-remaining reaches 0 until x-ratelimit-reset, instead of being refused', async () => {
    const { emulator, adapter } = await setUp({ requestsPerMinute: 2, windowMs: 1000 });
    const outcomes = [await sendOne(adapter), await sendOne(adapter), await sendOne(adapter)];
    expect(outcomes.map((outcome) => outcome?.ok)).toEqual([true, true, true]);
    const [, second, third] = emulator.requests;
    expect((third?.at ?? 0) - (second?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });
});

describe('SMSGate webhooks', () => {
  it('has none to verify: SMSGate sends no callbacks, so parseWebhook answers MALFORMED for any call', async () => {
    const { adapter } = await setUp();
    const call = { method: 'POST', headers: { 'content-type': 'application/json' }, query: new URLSearchParams(), rawBody: Buffer.from('{"status":"delivered"}') };
    expect(adapter.parseWebhook(call)).toEqual({ ok: false, reason: 'MALFORMED', message: 'SMSGate sends no callbacks' });
    expect(smsGateDefinition.capabilities.statusDelivery).toBe('none');
  });
});
