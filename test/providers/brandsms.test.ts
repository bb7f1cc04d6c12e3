import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../src/clock.js';
import type { ProviderAdapter } from '../../src/providers/adapter.js';
import { brandSmsDefinition, type BrandSmsCredentials } from '../../src/providers/brandsms/definition.js';
import { startBrandSmsEmulator, type BrandSmsEmulator } from '../emulators/brandsms.js';
import { errorOf, outboundMessage as message, waitFor } from '../support/adapters.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const CREDENTIALS: BrandSmsCredentials = { key: 'live-key-1', brandId: 'brand-42', callbackKey: 'callback-secret' };
const ZONE = 'Europe/Bucharest';
const DELAY_MS = 30;
const CALLBACK_INTERVAL_MS = 60;

let receiver: WebhookReceiver;
let emulator: BrandSmsEmulator;

beforeAll(async () => (receiver = await startWebhookReceiver('/webhooks/brandsms/conn-1', 403)));
afterAll(() => receiver.close());

beforeEach(async () => {
  receiver.reset();
  emulator = await startBrandSmsEmulator({
    deliveryDelayMs: DELAY_MS,
    callbackIntervalMs: CALLBACK_INTERVAL_MS,
    accounts: [
      { ...CREDENTIALS, callbackUrl: receiver.url, balance: 1000, timeZone: ZONE },
      { key: 'tokyo-key', brandId: 'tokyo-brand', callbackKey: 'tokyo-callback', balance: 10, timeZone: 'Asia/Tokyo' },
    ],
  });
});

afterEach(async () => {
  await emulator.settled();
  await emulator.close();
});

function adapterWith(overrides: { credentials?: Partial<BrandSmsCredentials>; options?: object; timeoutMs?: number; clock?: Clock; baseUrl?: string } = {}) {
  const adapter = brandSmsDefinition.create({
    connectionId: 'conn-1',
    credentials: { ...CREDENTIALS, ...overrides.credentials },
    baseUrl: overrides.baseUrl ?? emulator.url,
    webhookUrl: receiver.url,
    options: brandSmsDefinition.options.parse({ timeZone: ZONE, ...overrides.options }),
    clock: overrides.clock ?? systemClock,
    timeoutMs: overrides.timeoutMs ?? 2000,
  });
  receiver.adapter = adapter;
  return adapter;
}

const sentParams = (index = 0) => new URLSearchParams(emulator.requests[index]!.body);

describe('BrandSMS definition', () => {
  it('options default to UTC with the stop list checked, and an unknown time zone is refused', () => {
    expect(brandSmsDefinition.options.parse({})).toEqual({ timeZone: 'UTC', checkStopList: true });
    const refused = brandSmsDefinition.options.safeParse({ timeZone: 'Mars/Olympus' });
    expect(refused.error?.issues[0]?.message).toContain('not an IANA time zone');
  });

  it('credentials need key, brandId and callbackKey, and nothing else', () => {
    expect(brandSmsDefinition.credentials.safeParse(CREDENTIALS).success).toBe(true);
    const missing = brandSmsDefinition.credentials.safeParse({ key: 'k', brandId: ' ' });
    expect(missing.error?.issues.map((issue) => issue.path[0])).toEqual(['brandId', 'callbackKey']);
    expect(brandSmsDefinition.credentials.safeParse({ ...CREDENTIALS, extra: 1 }).success).toBe(false);
  });
});

describe('BrandSMS sending', () => {
  it('sends one message as a POST form of key, brandID, numbers without + and text, and not the sender', async () => {
    const [outcome] = await adapterWith().send([message('+40723456789')]);
    expect(outcome).toEqual({ ok: true, providerMessageId: emulator.messages[0]!.smsID, providerStatus: 'accepted' });
    const request = emulator.requests[0]!;
    expect([request.method, request.path, request.headers['content-type']]).toEqual(['POST', '/api/v1/sms/send', 'application/x-www-form-urlencoded']);
    expect(Object.fromEntries(sentParams())).toEqual({ key: 'live-key-1', brandID: 'brand-42', numbers: '40723456789', text: 'Your order shipped' });
    expect(emulator.messages[0]).toMatchObject({ number: '40723456789', otp: false, stopList: true, sendTime: null });
  });

  it('turns a batch of 100 into one request per (text, send time, otp) and one outcome per message in order', async () => {
    const batch = Array.from({ length: 100 }, (_, i) => {
      const to = `+4072${String(1_000_000 + i)}`;
      return i % 5 === 0 ? message(to, { otp: true, body: 'Code 1234' }) : message(to, { body: i % 2 ? 'Odd news' : 'Even news' });
    });
    const outcomes = await adapterWith().send(batch);
    expect(emulator.requests).toHaveLength(3);
    expect(emulator.requests.map((_, i) => sentParams(i).get('numbers')!.split(',').length).sort()).toEqual([20, 40, 40]);
    expect(outcomes).toHaveLength(100);
    outcomes.forEach((outcome, i) => {
      const stored = emulator.messages.find((m) => outcome.ok && m.smsID === outcome.providerMessageId);
      expect(stored?.number).toBe(batch[i]!.to.slice(1));
      expect(stored?.text).toBe(batch[i]!.body);
    });
  });

  it('marks one-time codes otp=true and sends stopList=false only when the connection skips the stop list', async () => {
    await adapterWith({ options: { checkStopList: false } }).send([message('+40723456789', { otp: true })]);
    expect([sentParams().get('otp'), sentParams().get('stopList')]).toEqual(['true', 'false']);
    expect(emulator.messages[0]).toMatchObject({ otp: true, stopList: false });
  });

  it('schedules at BrandSMS with sendTime Y-m-d H:i in the connection time zone, seconds rounded up', async () => {
    const adapter = adapterWith({ credentials: { key: 'tokyo-key', brandId: 'tokyo-brand' }, options: { timeZone: 'Asia/Tokyo' } });
    const minute = Math.floor(Date.now() / 60_000) * 60_000 + 2 * 86_400_000;
    const [onTheMinute, withSeconds] = await adapter.send([
      message('+40723456789', { sendAt: new Date(minute) }),
      message('+40723456789', { sendAt: new Date(minute + 1_500) }),
    ]);
    expect(onTheMinute?.ok && withSeconds?.ok).toBe(true);
    const tokyo = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(emulator.requests.map((_, i) => sentParams(i).get('sendTime'))).toEqual([tokyo(minute), tokyo(minute + 60_000)]);
    await new Promise((resolve) => setTimeout(resolve, 4 * DELAY_MS));
    expect(emulator.messages.map((m) => m.statuses)).toEqual([[], []]);
  });

  it('a sendTime BrandSMS finds past (a clock behind) is INVALID_SCHEDULE_DATE, not retried', async () => {
    const hourBehind: Clock = { now: () => new Date(Date.now() - 3_600_000) };
    const [outcome] = await adapterWith({ clock: hourBehind }).send([message('+40723456789', { sendAt: new Date(Date.now() - 600_000) })]);
    expect(errorOf(outcome)).toMatchObject({ code: 'INVALID_SCHEDULE_DATE', retryable: false, providerStatus: 'invalid_send_time' });
  });

  it('the emulator takes the same parameters as a GET query, and refuses a request without numbers', async () => {
    const query = new URLSearchParams({ key: CREDENTIALS.key, brandID: CREDENTIALS.brandId, numbers: '40723456789', text: 'Hi' });
    const sent = await fetch(`${emulator.url}/api/v1/sms/send?${query}`);
    expect(await sent.json()).toEqual({ success: true, messages: [{ number: '40723456789', smsID: emulator.messages[0]!.smsID }] });
    query.delete('numbers');
    const refused = await fetch(`${emulator.url}/api/v1/sms/send?${query}`);
    expect([refused.status, await refused.json()]).toEqual([400, { success: false, error: { code: 'missing_parameter', message: 'missing parameter: numbers' } }]);
  });

  it('offers no cancel, status look-up or packages', async () => {
    const adapter = adapterWith();
    for (const result of [await adapter.cancel('1'), await adapter.fetchStatus('1'), await adapter.fetchPackages()]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED', retryable: false } });
    }
  });
});

describe('BrandSMS errors', () => {
  it('a wrong key or brandID is AUTHENTICATION_FAILED (invalid_key), not retried', async () => {
    for (const credentials of [{ key: 'wrong' }, { brandId: 'other-brand' }]) {
      const [outcome] = await adapterWith({ credentials }).send([message('+40723456789')]);
      expect(errorOf(outcome)).toMatchObject({ code: 'AUTHENTICATION_FAILED', retryable: false, providerStatus: 'invalid_key' });
    }
    emulator.faults.rejectCredentials = true;
    const [outcome] = await adapterWith().send([message('+40723456789')]);
    expect(errorOf(outcome)).toMatchObject({ code: 'AUTHENTICATION_FAILED', providerStatus: 'invalid_key' });
  });

  it('one invalid number refuses the request, so the numbers go one by one and only it fails', async () => {
    const outcomes = await adapterWith().send([message('+40723456789'), message('+4072'), message('+40723456780')]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    expect(errorOf(outcomes[1])).toMatchObject({ code: 'INVALID_PHONE_NUMBER', retryable: false, providerStatus: 'invalid_number' });
    expect(errorOf(outcomes[1])?.message).toContain('4072');
    expect(emulator.requests.map((_, i) => sentParams(i).get('numbers'))).toEqual(['40723456789,4072,40723456780', '40723456789', '4072', '40723456780']);
  });

  it('a missing parameter (an empty text) is REJECTED (missing_parameter), not retried', async () => {
    const [outcome] = await adapterWith().send([message('+40723456789', { body: '' })]);
    expect(errorOf(outcome)).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: 'missing_parameter' });
  });

  it('a balance too small for the request is INSUFFICIENT_CREDITS, retryable, and nothing is sent', async () => {
    emulator.accounts[0]!.balance = 2;
    const outcomes = await adapterWith().send([message('+40723456789'), message('+40723456780'), message('+40723456781')]);
    expect(outcomes.map(errorOf)).toEqual(Array(3).fill(expect.objectContaining({ code: 'INSUFFICIENT_CREDITS', retryable: true, providerStatus: 'insufficient_balance' })));
    expect([emulator.messages.length, emulator.accounts[0]!.balance]).toEqual([0, 2]);
    emulator.faults.outOfCredits = true;
    const [single] = await adapterWith().send([message('+40723456789')]);
    expect(errorOf(single)).toMatchObject({ code: 'INSUFFICIENT_CREDITS', retryable: true });
  });

  it('429 too_many_requests is RATE_LIMITED with Retry-After as retryAfterMs', async () => {
    emulator.faults.rateLimitNext(1);
    const [outcome] = await adapterWith().send([message('+40723456789')]);
    expect(errorOf(outcome)).toMatchObject({ code: 'RATE_LIMITED', retryable: true, providerStatus: 'too_many_requests', retryAfterMs: 1000 });
  });

  it('a 5xx is PROVIDER_UNAVAILABLE, retryable', async () => {
    emulator.faults.failNext(1, 502);
    const [outcome] = await adapterWith().send([message('+40723456789')]);
    expect(errorOf(outcome)).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerStatus: '502' });
  });

  it('no answer within timeoutMs is PROVIDER_UNAVAILABLE, retryable', async () => {
    emulator.faults.timeoutNext(1);
    const [outcome] = await adapterWith({ timeoutMs: 300 }).send([message('+40723456789')]);
    expect(errorOf(outcome)).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, providerStatus: 'timeout' });
  });

  it('a connection without a base URL fails every message without a request', async () => {
    const outcomes = await adapterWith({ baseUrl: '' }).send([message('+40723456789')]);
    expect(errorOf(outcomes[0])).toMatchObject({ code: 'REJECTED', retryable: false, providerStatus: 'no_base_url' });
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('BrandSMS status callbacks', () => {
  const sendAndAwait = async (adapter: ProviderAdapter, numbers: string[], callbacks: number) => {
    const outcomes = await adapter.send(numbers.map((to) => message(to)));
    await waitFor(() => receiver.parsed.length >= callbacks);
    await emulator.settled();
    return outcomes.map((outcome) => (outcome.ok ? outcome.providerMessageId : ''));
  };
  const reportsOf = () => receiver.parsed.flatMap((parsed) => (parsed.ok ? parsed.reports : []));

  it('sent then delivered or failed callbacks parse to SENT, DELIVERED and FAILED at the callback date', async () => {
    emulator.failDelivery('40723456780');
    const [delivered, failed] = await sendAndAwait(adapterWith(), ['+40723456789', '+40723456780'], 4);
    const byMessage = (id: string) => reportsOf().filter((report) => report.providerMessageId === id).map((report) => report.status);
    expect([byMessage(delivered!), byMessage(failed!)]).toEqual([['SENT', 'DELIVERED'], ['SENT', 'FAILED']]);
    for (const report of reportsOf()) expect(Math.abs(report.at.getTime() - Date.now())).toBeLessThan(5_000);
    expect(receiver.requests[0]).toMatchObject({ method: 'GET' });
  });

  it('pending (3) is recorded with no status change and error (4) is FAILED', async () => {
    const [smsID] = await sendAndAwait(adapterWith(), ['+40723456789'], 2);
    emulator.pushStatus(smsID!, 3);
    emulator.pushStatus(smsID!, 4);
    await waitFor(() => receiver.parsed.length >= 4);
    expect(reportsOf().slice(2)).toMatchObject([
      { status: null, providerStatus: '3' },
      { status: 'FAILED', providerStatus: '4', error: { code: 'ERROR' } },
    ]);
  });

  it('a callback with the wrong key is UNAUTHORIZED, and the emulator tries 3 times then gives up', async () => {
    const adapter = adapterWith({ credentials: { callbackKey: 'not-the-key' } });
    await adapter.send([message('+40723456789')]);
    await waitFor(() => receiver.parsed.length >= 6);
    await emulator.settled();
    expect(new Set(receiver.parsed.map((parsed) => !parsed.ok && parsed.reason))).toEqual(new Set(['UNAUTHORIZED']));
    expect(emulator.callbacks.map((attempt) => attempt.status)).toEqual([403, 403, 403, 403, 403, 403]);
  });

  it('a callback without a key, or with a changed key, is UNAUTHORIZED', async () => {
    const adapter = adapterWith();
    await sendAndAwait(adapter, ['+40723456789'], 2);
    const genuine = receiver.requests[0]!;
    const without = new URLSearchParams(genuine.query);
    without.delete('key');
    const changed = new URLSearchParams(genuine.query);
    changed.set('key', 'callback-secreT');
    for (const query of [without, changed]) expect(adapter.parseWebhook({ ...genuine, query })).toMatchObject({ ok: false, reason: 'UNAUTHORIZED' });
  });

  it('BrandSMS signs nothing but the key: a changed smsID or statusID cannot parse as the original delivery', async () => {
    const adapter = adapterWith();
    await sendAndAwait(adapter, ['+40723456789'], 2);
    const genuine = receiver.requests[0]!;
    const original = adapter.parseWebhook(genuine);
    for (const [name, value] of [['smsID', '999999'], ['statusID', '1']] as const) {
      const query = new URLSearchParams(genuine.query);
      query.set(name, value);
      const tampered = adapter.parseWebhook({ ...genuine, query });
      expect(tampered.ok && original.ok && tampered.dedupKey !== original.dedupKey).toBe(true);
      expect(tampered.ok && tampered.reports[0]).not.toEqual(original.ok && original.reports[0]);
    }
  });

  it('a callback lacking a field, with an unknown statusID or an unreadable date is MALFORMED', async () => {
    const adapter = adapterWith();
    const genuine = { key: 'callback-secret', smsID: '1001', number: '40723456789', statusID: '1', date: '2026-02-01 23:30:05' };
    const parse = (query: Record<string, string>) => adapter.parseWebhook({ method: 'GET', headers: {}, query: new URLSearchParams(query), rawBody: Buffer.alloc(0) });
    expect(parse(genuine)).toMatchObject({ ok: true, dedupKey: '1001|1|2026-02-01 23:30:05', reports: [{ at: new Date('2026-02-01T21:30:05Z') }] });
    const { smsID: _, ...withoutSmsId } = genuine;
    for (const query of [withoutSmsId, { ...genuine, statusID: '7' }, { ...genuine, date: '01.02.2026 23:30' }, { ...genuine, date: '2026-02-30 23:30:05' }]) {
      expect(parse(query)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    }
  });

  it('a duplicated delivery yields the same dedupKey', async () => {
    emulator.faults.duplicateReceipts = true;
    await sendAndAwait(adapterWith(), ['+40723456789'], 4);
    const keys = receiver.parsed.map((parsed) => parsed.ok && parsed.dedupKey);
    expect([keys[0] === keys[1], keys[2] === keys[3], keys[1] === keys[2]]).toEqual([true, true, false]);
  });

  it('out of order, delivered arrives before sent', async () => {
    emulator.faults.outOfOrderReceipts = true;
    await sendAndAwait(adapterWith(), ['+40723456789'], 2);
    expect(reportsOf().map((report) => report.status)).toEqual(['DELIVERED', 'SENT']);
  });

  it('retries a callback callbackIntervalMs apart until the receiver answers 2xx', async () => {
    const failures = [500, 503];
    receiver.answerFor = ({ query }) => (query.get('statusID') === '0' ? failures.shift() : undefined);
    await sendAndAwait(adapterWith(), ['+40723456789'], 4);
    const attempts = emulator.callbacks.filter((attempt) => new URL(attempt.url).searchParams.get('statusID') === '0');
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 503, 200]);
    expect(new Set(attempts.map((attempt) => attempt.url)).size).toBe(1);
    expect(attempts[2]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(2 * CALLBACK_INTERVAL_MS - 5);
    expect(emulator.callbacks).toHaveLength(4);
  });
});
