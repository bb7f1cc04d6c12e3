import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import type { OutboundMessage, ProviderAdapter, SendOutcome } from '../../src/providers/adapter.js';
import { lightningMsgDefinition, type LightningMsgCredentials } from '../../src/providers/lightningmsg/definition.js';
import { startLightningMsgEmulator, type LightningMsgAccount, type LightningMsgEmulator } from '../emulators/lightningmsg.js';
import { errorOf, outboundMessage as message, waitFor } from '../support/adapters.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/** Header names in another case than the emulator's account: they are compared case-insensitively. */
const CREDENTIALS: LightningMsgCredentials = { apiKey: 'api-key-1', secretCode: 'secret-1', webhookHeaders: { 'x-hook-token': 'hook-secret', 'X-ACCOUNT': 'acme' } };
const ZONE = 'Europe/Bucharest';
const DELAY_MS = 30;
const CALLBACK_INTERVAL_MS = 50;

let receiver: WebhookReceiver;
let emulator: LightningMsgEmulator;

beforeAll(async () => (receiver = await startWebhookReceiver('/webhooks/lightningmsg/conn-1', 401)));
afterAll(() => receiver.close());

function accounts(): LightningMsgAccount[] {
  return [
    {
      apiKey: 'api-key-1',
      secretCode: 'secret-1',
      webhookUrl: receiver.url,
      webhookHeaders: { 'X-Hook-Token': 'hook-secret', 'X-Account': 'acme' },
      timeZone: ZONE,
      packages: [
        { name: '100 SMS', totalSms: 100, usedSms: 0, expireDate: '2099-12-01 18:59:23' },
        { name: 'Summer 1000', totalSms: 1000, usedSms: 0, expireDate: '2099-07-01 12:00:00' },
        { name: 'Expired', totalSms: 50, usedSms: 0, expireDate: '2020-01-01 00:00:00' },
      ],
    },
    { apiKey: 'small-key', secretCode: 'small-secret', packages: [{ name: '5 SMS', totalSms: 5, usedSms: 3, expireDate: '2099-01-01 00:00:00' }] },
  ];
}

beforeEach(async () => {
  receiver.reset();
  emulator = await startLightningMsgEmulator({ deliveryDelayMs: DELAY_MS, callbackIntervalMs: CALLBACK_INTERVAL_MS, accounts: accounts() });
});

afterEach(async () => {
  await emulator.settled();
  await emulator.close();
});

function adapterWith(overrides: { credentials?: Partial<LightningMsgCredentials>; timeoutMs?: number; baseUrl?: string } = {}) {
  const adapter = lightningMsgDefinition.create({
    connectionId: 'conn-1',
    credentials: { ...CREDENTIALS, ...overrides.credentials },
    baseUrl: overrides.baseUrl ?? emulator.baseUrl,
    webhookUrl: receiver.url,
    options: lightningMsgDefinition.options.parse({ timeZone: ZONE }),
    clock: systemClock,
    timeoutMs: overrides.timeoutMs ?? 2000,
  });
  receiver.adapter = adapter;
  return adapter;
}


const sentForm = (index = 0) => new URLSearchParams(emulator.requests[index]!.body);
const pathOf = (index = 0) => emulator.requests[index]!.path.replace('/api/v1/sms_services/sms/', '');
const idOf = (outcome: SendOutcome | undefined) => (outcome?.ok ? outcome.providerMessageId : '');
const reportsOf = () => receiver.parsed.flatMap((parsed) => (parsed.ok ? parsed.reports : []));
const bucharest = (ms: number) => new Date(ms).toLocaleString('sv-SE', { timeZone: ZONE, hourCycle: 'h23' });

describe('LightningMSG definition', () => {
  it('options default to UTC and an unknown time zone is refused', () => {
    expect(lightningMsgDefinition.options.parse({})).toEqual({ timeZone: 'UTC' });
    expect(lightningMsgDefinition.options.safeParse({ timeZone: 'Mars/Olympus' }).error?.issues[0]?.message).toContain('not an IANA time zone');
    expect(lightningMsgDefinition.options.safeParse({ timeZone: 'UTC', extra: 1 }).success).toBe(false);
  });

  it('credentials need apiKey, secretCode and at least one webhook header, each name once whatever its case', () => {
    expect(lightningMsgDefinition.credentials.safeParse(CREDENTIALS).success).toBe(true);
    const missing = lightningMsgDefinition.credentials.safeParse({ apiKey: 'k', secretCode: ' ' });
    expect(missing.error?.issues.map((issue) => issue.path[0])).toEqual(['secretCode', 'webhookHeaders']);
    const refusal = (webhookHeaders: unknown) => lightningMsgDefinition.credentials.safeParse({ ...CREDENTIALS, webhookHeaders }).error?.issues[0]?.message;
    expect(refusal({})).toContain('at least one header');
    expect(refusal({ 'X-Token': 'a', 'x-token': 'b' })).toContain('only once');
    expect(refusal({ 'Bad Header': 'a' })).toContain('HTTP header name');
    expect(refusal({ 'X-Token': ' ' })).toContain('must not be empty');
    expect(lightningMsgDefinition.credentials.safeParse({ ...CREDENTIALS, extra: 1 }).success).toBe(false);
  });
});

describe('LightningMSG sending', () => {
  it('sends one message through send: a POST form with X-Api-Key, secret_code, mobile and message, and reads the usage', async () => {
    const [outcome] = await adapterWith().send([message('+40723456789', { otp: true })]);
    expect(outcome).toEqual({ ok: true, providerMessageId: emulator.messages[0]!.id, providerStatus: 'queued', usage: { totalSms: 100, usedSms: 1 } });
    const request = emulator.requests[0]!;
    expect([request.method, pathOf(), request.headers['x-api-key'], request.headers['content-type']]).toEqual(['POST', 'send', 'api-key-1', 'application/x-www-form-urlencoded']);
    // No sender or priority parameter exists: neither is sent.
    expect(Object.fromEntries(sentForm())).toEqual({ mobile: '+40723456789', message: 'Your order shipped', secret_code: 'secret-1' });
  });

  it('a base URL without its trailing slash reaches the same endpoints', async () => {
    const [outcome] = await adapterWith({ baseUrl: emulator.baseUrl.replace(/\/$/, '') }).send([message('+40723456789')]);
    expect(outcome?.ok).toBe(true);
    expect(pathOf()).toBe('send');
  });

  it('turns a batch of 100 different messages into one send_multiple with PHP-style messages[i][field], one outcome per message in order', async () => {
    const batch = Array.from({ length: 100 }, (_, i) => message(`+4072${String(1_000_000 + i)}`, { body: `Message ${i}` }));
    const outcomes = await adapterWith().send(batch);
    expect(emulator.requests.map((_, i) => pathOf(i))).toEqual(['send_multiple']);
    expect([sentForm().get('messages[0][mobile]'), sentForm().get('messages[99][message]'), sentForm().get('secret_code')]).toEqual(['+40721000000', 'Message 99', 'secret-1']);
    expect(outcomes).toHaveLength(100);
    outcomes.forEach((outcome, i) => {
      const stored = emulator.messages.find((m) => m.id === idOf(outcome));
      expect([stored?.mobile, stored?.message]).toEqual([batch[i]!.to, batch[i]!.body]);
    });
    expect(emulator.accounts[0]!.packages[0]!.usedSms).toBe(100);
  });

  it('schedules with send_date YYYY-MM-DD HH:MM:SS in the connection time zone, milliseconds rounded up, per message of a batch', async () => {
    const second = Math.floor(Date.now() / 1000) * 1000 + 2 * 86_400_000;
    const outcomes = await adapterWith().send([message('+40723456789', { sendAt: new Date(second) }), message('+40723456780', { sendAt: new Date(second + 1) }), message('+40723456781')]);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect([0, 1, 2].map((i) => sentForm().get(`messages[${i}][send_date]`))).toEqual([bucharest(second), bucharest(second + 1000), null]);
    expect(emulator.messages.map((m) => m.sendDate)).toEqual([bucharest(second), bucharest(second + 1000), null]);
    await waitFor(() => receiver.parsed.length === 1);
    expect(emulator.messages.map((m) => m.status)).toEqual(['pending', 'pending', 'sent']);
  });

  it('a scheduled message goes out at its send_date and its webhook follows', async () => {
    const sendAt = new Date(Date.now() + 200);
    const [outcome] = await adapterWith().send([message('+40723456789', { sendAt })]);
    // The emulator records an attempt once the answer is back, just after the receiver parsed it.
    await waitFor(() => emulator.callbacks.length === 1);
    expect(emulator.callbacks[0]!.at).toBeGreaterThanOrEqual(Math.ceil(sendAt.getTime() / 1000) * 1000 - 5);
    expect(reportsOf()).toMatchObject([{ providerMessageId: idOf(outcome), status: 'SENT' }]);
  });
});

describe('LightningMSG status, cancel and packages', () => {
  const scheduledTomorrow = async (adapter: ProviderAdapter) => idOf((await adapter.send([message('+40723456789', { sendAt: new Date(Date.now() + 86_400_000) })]))[0]);

  it('fetches a status through get_status/{id}: pending changes nothing, sent is SENT', async () => {
    const adapter = adapterWith();
    const scheduled = await scheduledTomorrow(adapter);
    expect(await adapter.fetchStatus(scheduled)).toMatchObject({ ok: true, report: { providerMessageId: scheduled, status: null, providerStatus: 'pending' } });
    expect(pathOf(1)).toBe(`get_status/${scheduled}`);
    const [now] = await adapter.send([message('+40723456789')]);
    await waitFor(() => receiver.parsed.length === 1);
    expect(await adapter.fetchStatus(idOf(now))).toMatchObject({ ok: true, report: { status: 'SENT', providerStatus: 'sent' } });
  });

  it('cancels a scheduled message through cancel/{id}; the sms.cancelled webhook and get_status say CANCELLED', async () => {
    const adapter = adapterWith();
    const id = await scheduledTomorrow(adapter);
    expect(await adapter.cancel(id)).toEqual({ ok: true });
    expect([pathOf(1), sentForm(1).get('secret_code')]).toEqual([`cancel/${id}`, 'secret-1']);
    await waitFor(() => receiver.parsed.length === 1);
    expect(reportsOf()).toMatchObject([{ providerMessageId: id, status: 'CANCELLED', providerStatus: 'cancelled' }]);
    expect(await adapter.fetchStatus(id)).toMatchObject({ ok: true, report: { status: 'CANCELLED' } });
  });

  it('cancelling a sent or cancelled message is NOT_CANCELLABLE (0200), an unknown one NOT_FOUND (0100)', async () => {
    const adapter = adapterWith();
    const [sent] = await adapter.send([message('+40723456789')]);
    await waitFor(() => receiver.parsed.length === 1);
    const cancelled = await scheduledTomorrow(adapter);
    await adapter.cancel(cancelled);
    for (const id of [idOf(sent), cancelled]) expect(errorOf(await adapter.cancel(id))).toMatchObject({ code: 'NOT_CANCELLABLE', retryable: false, providerStatus: '0200' });
    expect(errorOf(await adapter.cancel('no-such-sms'))).toMatchObject({ code: 'NOT_FOUND', retryable: false, providerStatus: '0100' });
    expect(errorOf(await adapter.fetchStatus('no-such-sms'))).toMatchObject({ code: 'NOT_FOUND', providerStatus: '0100' });
  });

  it('lists the active packages with expire_date read in the connection time zone', async () => {
    await adapterWith().send([message('+40723456789')]);
    expect(await adapterWith().fetchPackages()).toEqual({
      ok: true,
      packages: [
        { name: '100 SMS', totalSms: 100, usedSms: 1, expiresAt: new Date('2099-12-01T16:59:23Z'), balance: null, credits: null },
        { name: 'Summer 1000', totalSms: 1000, usedSms: 0, expiresAt: new Date('2099-07-01T09:00:00Z'), balance: null, credits: null },
      ],
    });
    expect(pathOf(1)).toBe('get_packages');
  });

  it('the emulator lists sent messages newest first, limit at most 100, as get_sent_messages documents', async () => {
    const outcomes = await adapterWith().send(['+40723456781', '+40723456782', '+40723456783'].map((to) => message(to)));
    const list = async (form: Record<string, string>) => {
      const res = await fetch(`${emulator.baseUrl}get_sent_messages`, { method: 'POST', headers: { 'x-api-key': 'api-key-1', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ secret_code: 'secret-1', ...form }) });
      return { status: res.status, body: (await res.json()) as { status: string; messages?: Array<{ id: string }>; nr_messages?: number } };
    };
    const page = await list({ limit_from: '1', limit: '2' });
    expect(page.body.messages?.map((m) => m.id)).toEqual([idOf(outcomes[1]), idOf(outcomes[0])]);
    expect(page.body.nr_messages).toBe(3);
    expect(await list({ limit: '101' })).toMatchObject({ status: 400, body: { status: '0001' } });
  });
});

describe('LightningMSG errors', () => {
  const sendOne = async (adapter = adapterWith(), overrides: Partial<OutboundMessage> = {}) => (await adapter.send([message('+40723456789', overrides)]))[0];

  it('a wrong X-Api-Key is 4003, a wrong secret_code 4001, an incorrect code 4002: AUTHENTICATION_FAILED, not retried', async () => {
    const cases: Array<[Partial<LightningMsgCredentials>, string]> = [[{ apiKey: 'wrong' }, '4003'], [{ secretCode: 'wrong' }, '4001']];
    for (const [credentials, providerStatus] of cases) expect(errorOf(await sendOne(adapterWith({ credentials })))).toMatchObject({ code: 'AUTHENTICATION_FAILED', retryable: false, providerStatus });
    emulator.refuseNext('4002');
    expect(errorOf(await sendOne())).toMatchObject({ code: 'AUTHENTICATION_FAILED', retryable: false, providerStatus: '4002' });
    emulator.faults.rejectCredentials = true;
    expect(errorOf(await adapterWith().fetchPackages())).toMatchObject({ code: 'AUTHENTICATION_FAILED', providerStatus: '4003' });
  });

  it('wrong parameters (0001), wrong module (0050), item validation (0200) and device not found (0300) are REJECTED, not retried', async () => {
    expect(errorOf(await sendOne(adapterWith(), { body: '' }))).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: '0001' });
    const otherModule = adapterWith({ baseUrl: emulator.baseUrl.replace('/sms/', '/mms/') });
    expect(errorOf(await sendOne(otherModule))).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: '0050' });
    for (const code of ['0200', '0300']) {
      emulator.refuseNext(code);
      expect(errorOf(await sendOne())).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: code });
    }
  });

  it('an invalid number is INVALID_PHONE_NUMBER (4007); in a batch the messages go again one by one, so only it fails', async () => {
    const outcomes = await adapterWith().send([message('+40723456789'), message('0723456789'), message('+40723456780')]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    expect(errorOf(outcomes[1])).toMatchObject({ code: 'INVALID_PHONE_NUMBER', retryable: false, providerStatus: '4007' });
    expect(emulator.requests.map((_, i) => pathOf(i))).toEqual(['send_multiple', 'send', 'send', 'send']);
    expect(emulator.messages).toHaveLength(2);
  });

  it('a message over 1600 characters is MESSAGE_TOO_LONG (4008), a past send_date INVALID_SCHEDULE_DATE (4009)', async () => {
    expect(errorOf(await sendOne(adapterWith(), { body: 'x'.repeat(1601) }))).toMatchObject({ code: 'MESSAGE_TOO_LONG', retryable: false, providerStatus: '4008' });
    expect((await sendOne(adapterWith(), { body: 'x'.repeat(1600) }))?.ok).toBe(true);
    expect(errorOf(await sendOne(adapterWith(), { sendAt: new Date(Date.now() - 600_000) }))).toMatchObject({ code: 'INVALID_SCHEDULE_DATE', retryable: false, providerStatus: '4009' });
  });

  it('more messages than the packages hold is 4005, no room at all 4004: INSUFFICIENT_CREDITS, retryable', async () => {
    const small = adapterWith({ credentials: { apiKey: 'small-key', secretCode: 'small-secret' } });
    const three = await small.send(['+40723456781', '+40723456782', '+40723456783'].map((to) => message(to)));
    expect(three.map(errorOf)).toEqual(Array(3).fill(expect.objectContaining({ code: 'INSUFFICIENT_CREDITS', retryable: true, providerStatus: '4005' })));
    expect((await small.send([message('+40723456781'), message('+40723456782')])).every((outcome) => outcome.ok)).toBe(true);
    expect(errorOf(await sendOne(small))).toMatchObject({ code: 'INSUFFICIENT_CREDITS', retryable: true, providerStatus: '4004' });
    emulator.faults.outOfCredits = true;
    expect(errorOf(await sendOne())).toMatchObject({ code: 'INSUFFICIENT_CREDITS', retryable: true, providerStatus: '4004' });
  });

  it('429 is RATE_LIMITED with Retry-After as retryAfterMs', async () => {
    emulator.faults.rateLimitNext(1);
    expect(errorOf(await sendOne())).toMatchObject({ code: 'RATE_LIMITED', retryable: true, providerStatus: '429', retryAfterMs: 1000 });
  });

  it('a 5xx is PROVIDER_UNAVAILABLE, retryable', async () => {
    emulator.faults.failNext(1, 502);
    expect(errorOf(await sendOne())).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerStatus: '502' });
  });

  it('no answer within timeoutMs is PROVIDER_UNAVAILABLE, retryable', async () => {
    emulator.faults.timeoutNext(1);
    expect(errorOf(await sendOne(adapterWith({ timeoutMs: 300 })))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerStatus: 'timeout' });
  });

  it('a 400 without a code is REJECTED; an empty 200 fails for good, since the message may have gone out', async () => {
    emulator.faults.failNext(1, 400);
    expect(errorOf(await sendOne())).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: '400' });
    emulator.faults.failNext(1, 200);
    expect(errorOf(await sendOne())).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: 'unreadable_response' });
  });
});

describe('LightningMSG webhooks', () => {
  const sendAndAwait = async (adapter: ProviderAdapter, numbers: string[], webhooks: number) => {
    const outcomes = await adapter.send(numbers.map((to) => message(to)));
    await waitFor(() => receiver.parsed.length >= webhooks);
    await emulator.settled();
    return outcomes.map(idOf);
  };

  it('an sms.sent webhook (POST JSON with the dashboard headers) parses to SENT at its timestamp', async () => {
    const [id] = await sendAndAwait(adapterWith(), ['+40723456789'], 1);
    const request = receiver.requests[0]!;
    expect([request.method, request.headers['x-hook-token'], request.headers['x-account']]).toEqual(['POST', 'hook-secret', 'acme']);
    const body = JSON.parse(request.rawBody.toString()) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['sms_id', 'status', 'timestamp']);
    expect(receiver.parsed[0]).toEqual({
      ok: true,
      reports: [{ providerMessageId: id, status: 'SENT', providerStatus: 'sent', at: new Date(body.timestamp!) }],
      dedupKey: `${id}|sent|${body.timestamp}`,
    });
    expect(Math.abs(new Date(body.timestamp!).getTime() - Date.now())).toBeLessThan(5_000);
  });

  it('a wrong header value is UNAUTHORIZED, and the emulator tries 4 times, callbackIntervalMs apart, then gives up', async () => {
    await sendAndAwait(adapterWith({ credentials: { webhookHeaders: { 'X-Hook-Token': 'not-the-secret', 'X-Account': 'acme' } } }), ['+40723456789'], 4);
    expect(receiver.parsed.map((parsed) => !parsed.ok && parsed.reason)).toEqual(Array(4).fill('UNAUTHORIZED'));
    expect(emulator.callbacks.map((attempt) => attempt.status)).toEqual([401, 401, 401, 401]);
    expect(emulator.callbacks[3]!.at - emulator.callbacks[0]!.at).toBeGreaterThanOrEqual(3 * CALLBACK_INTERVAL_MS - 5);
  });

  it('a missing header, a changed header value or no headers at all are UNAUTHORIZED', async () => {
    const adapter = adapterWith();
    await sendAndAwait(adapter, ['+40723456789'], 1);
    const genuine = receiver.requests[0]!;
    const { 'x-account': _, ...withoutOne } = genuine.headers;
    for (const headers of [withoutOne, { ...genuine.headers, 'x-hook-token': 'hook-secreT' }, { 'content-type': 'application/json' }]) {
      expect(adapter.parseWebhook({ ...genuine, headers })).toMatchObject({ ok: false, reason: 'UNAUTHORIZED' });
    }
  });

  it('LightningMSG signs nothing: a changed byte that breaks the JSON is MALFORMED, a changed sms_id parses to another message', async () => {
    const adapter = adapterWith();
    await sendAndAwait(adapter, ['+40723456789'], 1);
    const genuine = receiver.requests[0]!;
    const original = adapter.parseWebhook(genuine);
    const broken = Buffer.from(genuine.rawBody);
    broken[0] = '['.charCodeAt(0);
    expect(adapter.parseWebhook({ ...genuine, rawBody: broken })).toMatchObject({ ok: false, reason: 'MALFORMED' });
    const text = genuine.rawBody.toString();
    const idAt = text.indexOf('"sms_id":"') + '"sms_id":"'.length;
    const changedId = Buffer.from(`${text.slice(0, idAt)}${text[idAt] === 'a' ? 'b' : 'a'}${text.slice(idAt + 1)}`);
    const tampered = adapter.parseWebhook({ ...genuine, rawBody: changedId });
    expect(tampered.ok && original.ok && tampered.dedupKey !== original.dedupKey).toBe(true);
    expect(tampered.ok && tampered.reports[0]!.providerMessageId).not.toBe(original.ok && original.reports[0]!.providerMessageId);
  });

  it('a body without sms_id, status or timestamp, an unreadable timestamp or a GET is MALFORMED; a pending status changes nothing', () => {
    const adapter = adapterWith();
    const headers = { 'x-hook-token': 'hook-secret', 'x-account': 'acme' };
    const parse = (body: object, method = 'POST') => adapter.parseWebhook({ method, headers, query: new URLSearchParams(), rawBody: Buffer.from(JSON.stringify(body)) });
    const genuine = { sms_id: 'sms_123', status: 'pending', timestamp: '2026-05-13T12:33:11Z' };
    expect(parse(genuine)).toMatchObject({ ok: true, reports: [{ status: null, providerStatus: 'pending', at: new Date('2026-05-13T12:33:11Z') }] });
    const { sms_id: _, ...withoutId } = genuine;
    for (const body of [withoutId, { ...genuine, status: '' }, { ...genuine, timestamp: '13/05/2026 12:33' }]) expect(parse(body)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(parse(genuine, 'GET')).toMatchObject({ ok: false, reason: 'MALFORMED' });
  });

  it('a duplicated delivery yields the same dedupKey', async () => {
    emulator.faults.duplicateReceipts = true;
    await sendAndAwait(adapterWith(), ['+40723456789'], 2);
    const [first, second] = receiver.parsed;
    expect(first?.ok && second?.ok && first.dedupKey === second.dedupKey).toBe(true);
  });

  it('retries callbackIntervalMs apart until the receiver answers exactly 200 (a 201 is not success)', async () => {
    const answers = [201, 500];
    receiver.answerFor = () => answers.shift();
    await sendAndAwait(adapterWith(), ['+40723456789'], 3);
    expect(emulator.callbacks.map((attempt) => attempt.status)).toEqual([201, 500, 200]);
    expect(new Set(emulator.callbacks.map((attempt) => attempt.body)).size).toBe(1);
    expect(emulator.callbacks[2]!.at - emulator.callbacks[0]!.at).toBeGreaterThanOrEqual(2 * CALLBACK_INTERVAL_MS - 5);
  });

  it('out of order, a batch’s webhooks arrive last-first', async () => {
    emulator.faults.outOfOrderReceipts = true;
    const ids = await sendAndAwait(adapterWith(), ['+40723456781', '+40723456782'], 2);
    expect(reportsOf().map((report) => report.providerMessageId)).toEqual([...ids].reverse());
  });

  it('a number made to fail delivery stays pending: LightningMSG reports no failure, so no webhook comes', async () => {
    emulator.failDelivery('+40723456780');
    const adapter = adapterWith();
    const [failed] = await sendAndAwait(adapter, ['+40723456780', '+40723456789'], 1);
    await new Promise((resolve) => setTimeout(resolve, 3 * DELAY_MS));
    expect(reportsOf()).toHaveLength(1);
    expect(await adapter.fetchStatus(failed!)).toMatchObject({ ok: true, report: { status: null, providerStatus: 'pending' } });
  });
});
