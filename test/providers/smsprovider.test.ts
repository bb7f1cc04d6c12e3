import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import type { OutboundMessage, ProviderAdapter, WebhookParse, WebhookRequest } from '../../src/providers/adapter.js';
import { smsProviderDefinition } from '../../src/providers/smsprovider/definition.js';
import { startSmsProviderEmulator, type SmsProviderEmulator, type SmsProviderEmulatorOptions } from '../emulators/smsprovider.js';
import { errorOf } from '../support/adapters.js';

const ACCOUNT = { apiKey: 'sk_live_switchboard', webhookSecret: 'whsec_switchboard', credits: 1230 };
const CALLBACK_INTERVAL_MS = 100;

let receiver: Receiver;
let emulator: SmsProviderEmulator | undefined;

beforeAll(async () => (receiver = await startReceiver()));
afterAll(() => receiver.close());
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  receiver.reset();
});

async function setUp(options: Partial<SmsProviderEmulatorOptions> = {}, adapterOptions: { timeoutMs?: number; requestsPerSecond?: number; apiKey?: string; webhookSecret?: string } = {}) {
  emulator = await startSmsProviderEmulator({ accounts: [{ ...ACCOUNT }], deliveryDelayMs: 50, callbackIntervalMs: CALLBACK_INTERVAL_MS, requestsPerSecond: 1000, ...options });
  return { emulator, adapter: adapterFor(emulator, adapterOptions) };
}

function adapterFor(target: SmsProviderEmulator, { timeoutMs = 2000, requestsPerSecond = 1000, apiKey = ACCOUNT.apiKey, webhookSecret = ACCOUNT.webhookSecret } = {}): ProviderAdapter {
  return smsProviderDefinition.create({
    connectionId: 'conn_smsprovider',
    credentials: smsProviderDefinition.credentials.parse({ apiKey, webhookSecret }),
    baseUrl: target.url,
    webhookUrl: `${receiver.url}/webhooks/smsprovider/conn_smsprovider`,
    options: smsProviderDefinition.options.parse({ requestsPerSecond }),
    clock: systemClock,
    timeoutMs,
  });
}

let sequence = 0;
function message(fields: Partial<OutboundMessage> = {}): OutboundMessage {
  sequence += 1;
  return { id: `m${sequence}`, to: `+4479460${String(sequence).padStart(5, '0')}`, sender: 'Switchboard', body: 'Your code is 1234', sendAt: null, otp: false, ...fields };
}

const sentBodies = (target: SmsProviderEmulator) => target.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body) as Record<string, unknown>);

async function sendOne(adapter: ProviderAdapter, fields: Partial<OutboundMessage> = {}) {
  const [outcome] = await adapter.send([message(fields)]);
  return outcome;
}

describe('the SMS Provider definition', () => {
  it('accepts empty options as 10 requests per second and names bad credentials', () => {
    expect(smsProviderDefinition.options.parse({})).toEqual({ requestsPerSecond: 10 });
    expect(smsProviderDefinition.capabilities.rateLimit).toEqual({ requests: 10, perMs: 1000 });
    const refused = smsProviderDefinition.credentials.safeParse({ apiKey: '' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['apiKey', 'webhookSecret']);
    expect(smsProviderDefinition.credentials.safeParse({ ...ACCOUNT, extra: 1 }).success).toBe(false);
  });
});

describe('sending through SMS Provider', () => {
  it('sends one message as JSON with a Bearer key, its sender and our callback URL, and reads the credits', async () => {
    const { emulator, adapter } = await setUp();
    const outcome = await sendOne(adapter, { to: '+447946000001', body: 'Hello' });
    expect(outcome).toEqual({ ok: true, providerMessageId: expect.stringMatching(/^msg_[0-9a-f]{13}$/), providerStatus: 'queued', usage: { creditsRemaining: 1229, cost: 1 } });
    const [request] = emulator.requests;
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers.authorization).toBe(`Bearer ${ACCOUNT.apiKey}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ to: '+447946000001', message: 'Hello', from: 'Switchboard', callback_url: `${receiver.url}/webhooks/smsprovider/conn_smsprovider` });
  });

  it('turns a batch of 100 into one request per (text, sender, schedule), `to` as an array, outcomes in order', async () => {
    const { emulator, adapter } = await setUp();
    const later = new Date(Date.now() + 3_600_000);
    const batch = Array.from({ length: 100 }, (_, i) =>
      message(i % 4 === 0 ? { body: 'Sale today' } : i % 4 === 1 ? { sender: null } : i % 4 === 2 ? { sendAt: later } : {}),
    );
    const outcomes = await adapter.send(batch);
    expect(outcomes).toHaveLength(100);
    const bodies = sentBodies(emulator);
    expect(bodies).toHaveLength(4);
    expect(bodies.every((body) => Array.isArray(body.to) && body.to.length === 25)).toBe(true);
    expect(bodies.filter((body) => !('from' in body))).toHaveLength(1);
    outcomes.forEach((outcome, i) => {
      expect(outcome.ok).toBe(true);
      if (outcome.ok) expect(emulator.messages.get(outcome.providerMessageId)?.to).toBe(batch[i]?.to);
    });
    expect(outcomes[0]).toMatchObject({ usage: { cost: 1, creditsRemaining: expect.any(Number) } });
    expect(emulator.credits(ACCOUNT.apiKey)).toBe(1130);
  });

  it('sends a group of one recipient with `to` as a string', async () => {
    const { emulator, adapter } = await setUp();
    await adapter.send([message({ body: 'A' }), message({ body: 'B' })]);
    expect(sentBodies(emulator).map((body) => typeof body.to)).toEqual(['string', 'string']);
  });

  it('lets SMS Provider schedule a message with scheduled_at in ISO 8601 UTC; it stays queued', async () => {
    const { emulator, adapter } = await setUp();
    const sendAt = new Date(Date.now() + 3_600_000);
    const outcome = await sendOne(adapter, { sendAt });
    expect(sentBodies(emulator)[0]?.scheduled_at).toBe(sendAt.toISOString());
    await new Promise((resolve) => setTimeout(resolve, 120));
    const status = outcome?.ok ? await adapter.fetchStatus(outcome.providerMessageId) : undefined;
    expect(status).toMatchObject({ ok: true, report: { status: null, providerStatus: 'queued' } });
  });

  it('maps a schedule in the past (invalid_request on scheduled_at) to INVALID_SCHEDULE_DATE', async () => {
    const { adapter } = await setUp();
    const error = errorOf(await sendOne(adapter, { sendAt: new Date(Date.now() - 60_000) }));
    expect(error).toMatchObject({ code: 'INVALID_SCHEDULE_DATE', retryable: false, providerStatus: 'invalid_request' });
  });

  it('sends a scheduled message when its time comes', async () => {
    const { adapter } = await setUp();
    const outcome = await sendOne(adapter, { sendAt: new Date(Date.now() + 150) });
    await new Promise((resolve) => setTimeout(resolve, 350));
    const status = outcome?.ok ? await adapter.fetchStatus(outcome.providerMessageId) : undefined;
    expect(status).toMatchObject({ ok: true, report: { status: 'DELIVERED' } });
  });

  it('does not offer cancelling', async () => {
    const { adapter } = await setUp();
    expect(await adapter.cancel('msg_0000000000000')).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED', retryable: false } });
    expect(adapter.capabilities).toMatchObject({ nativeCancel: false, nativeScheduling: true, maxBatchSize: 100, statusDelivery: 'push' });
  });
});

describe('SMS Provider status and account', () => {
  it('fetches sent, then delivered with the delivered_at time', async () => {
    const { adapter } = await setUp({ deliveryDelayMs: 150 });
    const outcome = await sendOne(adapter);
    const id = outcome?.ok ? outcome.providerMessageId : '';
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await adapter.fetchStatus(id)).toMatchObject({ ok: true, report: { providerMessageId: id, status: 'SENT', providerStatus: 'sent' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const delivered = await adapter.fetchStatus(id);
    expect(delivered).toMatchObject({ ok: true, report: { status: 'DELIVERED', providerStatus: 'delivered' } });
    if (delivered.ok) expect(Date.now() - delivered.report.at.getTime()).toBeLessThan(2000);
  });

  it('fetches a failed delivery with its reason, and an expired one', async () => {
    const { emulator, adapter } = await setUp();
    emulator.failDelivery('+447946111111');
    emulator.expireDelivery('+447946222222');
    const outcomes = await adapter.send([message({ to: '+447946111111' }), message({ to: '+447946222222' })]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [failed, expired] = await Promise.all(outcomes.map((outcome) => adapter.fetchStatus(outcome.ok ? outcome.providerMessageId : '')));
    expect(failed).toMatchObject({ ok: true, report: { status: 'FAILED', providerStatus: 'failed', error: { code: 'undeliverable' } } });
    expect(expired).toMatchObject({ ok: true, report: { status: 'EXPIRED', providerStatus: 'expired' } });
  });

  it('maps an unknown message id (404 not_found) to NOT_FOUND', async () => {
    const { adapter } = await setUp();
    expect(await adapter.fetchStatus('msg_nosuchmessage')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', retryable: false, providerStatus: 'not_found' } });
  });

  it('reports the account credits as one package', async () => {
    const { adapter } = await setUp();
    await sendOne(adapter, { body: 'x'.repeat(161) });
    expect(await adapter.fetchPackages()).toEqual({
      ok: true,
      packages: [{ name: 'SMS Provider credits', totalSms: null, usedSms: null, expiresAt: null, balance: null, credits: 1228 }],
    });
  });
});

describe('SMS Provider errors', () => {
  it('maps invalid_phone_number to INVALID_PHONE_NUMBER, not retryable', async () => {
    const { adapter } = await setUp();
    expect(errorOf(await sendOne(adapter, { to: '+12' }))).toMatchObject({ code: 'INVALID_PHONE_NUMBER', retryable: false, providerStatus: 'invalid_phone_number' });
  });

  it('resends a refused `to` array one by one so only the bad number fails', async () => {
    const { emulator, adapter } = await setUp();
    const outcomes = await adapter.send([message(), message({ to: '+44' }), message()]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    expect(errorOf(outcomes[1])?.code).toBe('INVALID_PHONE_NUMBER');
    expect(sentBodies(emulator).map((body) => Array.isArray(body.to))).toEqual([true, false, false, false]);
    expect(emulator.credits(ACCOUNT.apiKey)).toBe(1228);
  });

  it('maps message_too_long (over 1600 characters) to MESSAGE_TOO_LONG, not retryable', async () => {
    const { adapter } = await setUp();
    expect(errorOf(await sendOne(adapter, { body: 'x'.repeat(1601) }))).toMatchObject({ code: 'MESSAGE_TOO_LONG', retryable: false, providerStatus: 'message_too_long' });
  });

  it('maps authentication_failed (a wrong key, or the rejectCredentials fault) to AUTHENTICATION_FAILED', async () => {
    const { emulator } = await setUp();
    const wrongKey = adapterFor(emulator, { apiKey: 'sk_live_wrong' });
    expect(errorOf(await sendOne(wrongKey))).toMatchObject({ code: 'AUTHENTICATION_FAILED', retryable: false, providerStatus: 'authentication_failed' });
    emulator.faults.rejectCredentials = true;
    expect(await adapterFor(emulator).fetchPackages()).toMatchObject({ ok: false, error: { code: 'AUTHENTICATION_FAILED', providerStatus: 'authentication_failed' } });
  });

  it('maps insufficient_credits (too few credits, or the outOfCredits fault) to INSUFFICIENT_CREDITS, retryable', async () => {
    const { emulator, adapter } = await setUp();
    emulator.setCredits(ACCOUNT.apiKey, 2);
    const outcomes = await adapter.send([message(), message(), message()]);
    expect(outcomes.map(errorOf)).toEqual(Array(3).fill(expect.objectContaining({ code: 'INSUFFICIENT_CREDITS', retryable: true, providerStatus: 'insufficient_credits' })));
    emulator.setCredits(ACCOUNT.apiKey, 100);
    emulator.faults.outOfCredits = true;
    expect(errorOf(await sendOne(adapter))).toMatchObject({ code: 'INSUFFICIENT_CREDITS', retryable: true });
  });

  it('maps rate_limit_exceeded (429) to RATE_LIMITED with retryAfterMs, and holds the next request until then', async () => {
    const { emulator, adapter } = await setUp();
    emulator.faults.rateLimitNext(1);
    expect(errorOf(await sendOne(adapter))).toMatchObject({ code: 'RATE_LIMITED', retryable: true, providerStatus: 'rate_limit_exceeded', retryAfterMs: 1000 });
    expect((await sendOne(adapter))?.ok).toBe(true);
    const [first, second] = emulator.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('maps a 5xx to PROVIDER_UNAVAILABLE, retryable', async () => {
    const { emulator, adapter } = await setUp();
    emulator.faults.failNext(1, 502);
    expect(errorOf(await sendOne(adapter))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerStatus: '502' });
  });

  it('maps no answer within timeoutMs to PROVIDER_UNAVAILABLE, retryable', async () => {
    const { emulator, adapter } = await setUp({}, { timeoutMs: 300 });
    emulator.faults.timeoutNext(1);
    expect(errorOf(await sendOne(adapter))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerStatus: 'timeout' });
  });

  it('maps an HTTP error without an SMS Provider code by its status, else to REJECTED', async () => {
    const { emulator, adapter } = await setUp();
    emulator.faults.failNext(1, 403);
    expect(errorOf(await sendOne(adapter))).toMatchObject({ code: 'AUTHENTICATION_FAILED', providerStatus: '403' });
    emulator.faults.failNext(1, 400);
    expect(errorOf(await sendOne(adapter))).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: '400' });
  });
});

describe('SMS Provider rate limit', () => {
  it('sends the X-RateLimit headers and refuses the 11th request in a second with 429 rate_limit_exceeded', async () => {
    const { emulator } = await setUp({ requestsPerSecond: 10 });
    const answers = await Promise.all(Array.from({ length: 11 }, () => fetch(`${emulator.url}/account`, { headers: { authorization: `Bearer ${ACCOUNT.apiKey}` } })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([...Array(10).fill(200), 429]);
    const refused = answers.find((answer) => answer.status === 429);
    expect(await refused?.json()).toEqual({ success: false, error: { code: 'rate_limit_exceeded', message: 'API rate limit exceeded' } });
    expect(refused?.headers.get('x-ratelimit-limit')).toBe('10');
    expect(refused?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused?.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
  });

  it('keeps 35 sends at once within 10 per second: no 1-second window holds more, and none is refused', async () => {
    const { emulator, adapter } = await setUp({ requestsPerSecond: 10 }, { requestsPerSecond: 10 });
    const outcomes = await Promise.all(Array.from({ length: 35 }, () => sendOne(adapter)));
    expect(outcomes.every((outcome) => outcome?.ok)).toBe(true);
    const times = emulator.requests.map((request) => request.at);
    const busiest = Math.max(...times.map((start) => times.filter((at) => at >= start && at < start + 1000).length));
    expect(busiest).toBeLessThanOrEqual(10);
  });
});

describe('SMS Provider webhooks', () => {
  it('parses a genuine delivered and a failed callback to DELIVERED and FAILED', async () => {
    const { emulator, adapter } = await setUp();
    emulator.failDelivery('+447946333333');
    const outcomes = await adapter.send([message({ to: '+447946333334' }), message({ to: '+447946333333' })]);
    const [delivered, failed] = outcomes.map((outcome) => (outcome.ok ? outcome.providerMessageId : ''));
    const parsed = (await receiver.waitFor(2)).map((request) => adapter.parseWebhook(request));
    expect(receiver.received[0]?.method).toBe('POST');
    const reports = parsed.flatMap((result) => (result.ok ? result.reports : []));
    expect(reports).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ providerMessageId: delivered, status: 'DELIVERED', providerStatus: 'delivered' }),
        expect.objectContaining({ providerMessageId: failed, status: 'FAILED', providerStatus: 'failed', error: { code: 'undeliverable', message: expect.any(String) } }),
      ]),
    );
  });

  it('refuses a callback checked with the wrong secret, without the signature header, or with one body byte changed', async () => {
    const { emulator, adapter } = await setUp();
    await sendOne(adapter);
    const [genuine] = await receiver.waitFor(1);
    if (!genuine) throw new Error('no callback');
    const wrongSecret = adapterFor(emulator, { webhookSecret: 'whsec_other' });
    const { 'x-smsprovider-signature': _signature, ...unsigned } = genuine.headers;
    const changed = Buffer.from(genuine.rawBody);
    changed[changed.length - 2] = changed[changed.length - 2] === 0x31 ? 0x32 : 0x31;
    const refusals: WebhookParse[] = [
      wrongSecret.parseWebhook(genuine),
      adapter.parseWebhook({ ...genuine, headers: unsigned }),
      adapter.parseWebhook({ ...genuine, headers: { ...genuine.headers, 'x-smsprovider-signature': 'abc' } }),
      adapter.parseWebhook({ ...genuine, rawBody: changed }),
    ];
    expect(refusals.map((result) => (result.ok ? 'ok' : result.reason))).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED']);
    expect(adapter.parseWebhook(genuine).ok).toBe(true);
  });

  it('answers MALFORMED for a correctly signed body that is not a status update', async () => {
    const { adapter } = await setUp();
    const { createHmac } = await import('node:crypto');
    const sign = (body: string) => createHmac('sha256', ACCOUNT.webhookSecret).update(body).digest('hex');
    const request = (body: string): WebhookRequest => ({ method: 'POST', headers: { 'x-smsprovider-signature': sign(body) }, query: new URLSearchParams(), rawBody: Buffer.from(body) });
    expect(adapter.parseWebhook(request('not json'))).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(adapter.parseWebhook(request(JSON.stringify({ event: 'message.delivered', timestamp: 1 })))).toMatchObject({ ok: false, reason: 'MALFORMED' });
  });

  it('gives a duplicated delivery the same dedupKey', async () => {
    const { emulator, adapter } = await setUp();
    emulator.faults.duplicateReceipts = true;
    await sendOne(adapter);
    const [first, second] = (await receiver.waitFor(2)).map((request) => adapter.parseWebhook(request));
    expect(first?.ok && second?.ok).toBe(true);
    if (first?.ok && second?.ok) expect(second.dedupKey).toBe(first.dedupKey);
  });

  it('retries a callback every callbackIntervalMs until the receiver answers 2xx', async () => {
    const { emulator, adapter } = await setUp();
    receiver.answers.push(500, 503);
    await sendOne(adapter);
    await receiver.waitFor(3);
    await emulator.settled();
    expect(emulator.callbacks.map((attempt) => attempt.status)).toEqual([500, 503, 200]);
    const gaps = emulator.callbacks.slice(1).map((attempt, i) => attempt.at - (emulator?.callbacks[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(CALLBACK_INTERVAL_MS - 5);
    expect(new Set(receiver.received.map((request) => request.rawBody.toString())).size).toBe(1);
  });

  it('gives up after 3 attempts when the receiver never answers 2xx', async () => {
    const { emulator, adapter } = await setUp();
    receiver.answers.push(500, 500, 500, 500);
    await sendOne(adapter);
    await receiver.waitFor(3);
    await emulator.settled();
    await new Promise((resolve) => setTimeout(resolve, CALLBACK_INTERVAL_MS * 2));
    expect(emulator.callbacks.map((attempt) => attempt.status)).toEqual([500, 500, 500]);
  });
});

interface Receiver {
  url: string;
  received: WebhookRequest[];
  /** Statuses to answer in turn; 200 once they run out. */
  answers: number[];
  waitFor(count: number): Promise<WebhookRequest[]>;
  reset(): void;
  close(): Promise<void>;
}

/** Switchboard's side of the webhook: records each call as the webhook route would hand it over. */
async function startReceiver(): Promise<Receiver> {
  const received: WebhookRequest[] = [];
  const answers: number[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://receiver');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]));
    received.push({ method: req.method ?? 'GET', headers, query: url.searchParams, rawBody: Buffer.concat(chunks) });
    res.writeHead(answers.shift() ?? 200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answers,
    async waitFor(count) {
      for (const started = Date.now(); received.length < count; ) {
        if (Date.now() - started > 3000) throw new Error(`expected ${count} callbacks, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received.slice(0, count);
    },
    reset() {
      received.length = 0;
      answers.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
