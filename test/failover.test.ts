import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrandSmsEmulator, type BrandSmsEmulator } from './emulators/brandsms.js';
import { startLightningMsgEmulator, type LightningMsgEmulator } from './emulators/lightningmsg.js';
import { startSmsGateEmulator, type SmsGateEmulator } from './emulators/smsgate.js';
import { startSmsProviderEmulator, type SmsProviderEmulator } from './emulators/smsprovider.js';
import { graphql } from './gql/index.js';
import { connectForTest } from './support/providers.js';
import { startTestServer, type TestServer } from './support/server.js';

const Send = graphql(`
  mutation FailoverSend($input: SendInput!) {
    send(input: $input) { message { id } userErrors { code } }
  }
`);

const SendMany = graphql(`
  mutation FailoverSendMany($input: SendBulkInput!) {
    sendBulk(input: $input) { bulk { id accepted } userErrors { code } }
  }
`);

const Attempts = graphql(`
  query FailoverAttempts($id: ID!) {
    message(id: $id) {
      status
      provider { label }
      error { code }
      attempts { provider { label } succeeded errorCode providerStatus }
    }
  }
`);

const Circuit = graphql(`
  query FailoverCircuit {
    viewer { account { providers { label circuit enabled } } }
  }
`);

const Providers = graphql(`
  query FailoverProviders {
    viewer { account { providers { id kind } } }
  }
`);

const Disable = graphql(`
  mutation FailoverDisable($input: UpdateProviderConnectionInput!) {
    updateProviderConnection(input: $input) { userErrors { code } }
  }
`);

let server: TestServer;
let smsProvider: SmsProviderEmulator;
let brand: BrandSmsEmulator;
let lightning: LightningMsgEmulator;
let smsGate: SmsGateEmulator;

beforeAll(async () => {
  server = await startTestServer({ breaker: { errorThresholdPercentage: 50, volumeThreshold: 3, resetTimeoutMs: 60_000 }, dispatcher: { retryBaseMs: 50, retryMaxMs: 100 } });
  smsProvider = await startSmsProviderEmulator({ accounts: [{ apiKey: 'sp-a', webhookSecret: 's', credits: 1000 }], deliveryDelayMs: 600_000, requestsPerSecond: 5 });
  brand = await startBrandSmsEmulator({ accounts: [{ key: 'bs-b', brandId: 'b', callbackKey: 'c', balance: 1000 }], deliveryDelayMs: 600_000 });
  lightning = await startLightningMsgEmulator({
    accounts: [{ apiKey: 'lm-a', secretCode: 's', webhookHeaders: { 'X-H': 'h' }, packages: [{ name: 'p', totalSms: 1000, usedSms: 0, expireDate: '2099-01-01 00:00:00' }] }],
    deliveryDelayMs: 600_000,
  });
  smsGate = await startSmsGateEmulator({ accounts: [{ apiKey: 'sg', balance: 1000 }], deliveryDelayMs: 600_000 });
});
afterAll(async () => {
  await server?.close();
  await Promise.all([smsProvider?.close(), brand?.close(), lightning?.close(), smsGate?.close()]);
});

/** An account whose sandbox is off, so only the connections a test makes can send. */
async function accountWithoutSandbox() {
  const account = await server.createAccount();
  const sandbox = (await server.graphql(Providers, {}, { key: account.key })).body.data!.viewer!.account.providers.find((p) => p.kind === 'SANDBOX')!;
  await server.graphql(Disable, { input: { id: sandbox.id, enabled: false } }, { key: account.key });
  return account;
}

async function settled(key: string, id: string, done = (status: string) => status !== 'QUEUED') {
  const deadline = Date.now() + 8_000;
  for (;;) {
    const message = (await server.graphql(Attempts, { id }, { key })).body.data!.message!;
    if (done(message.status) || Date.now() > deadline) return message;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function send(key: string, body: string) {
  const { data } = (await server.graphql(Send, { input: { to: '+40712345678', body } }, { key })).body;
  return data!.send!.message!.id;
}

describe('failover', () => {
  it('a provider answering 503 is failed over: the message goes out through the next, exactly once; its circuit opens after repeated failures, not after one', async () => {
    const account = await accountWithoutSandbox();
    await connectForTest(server, account.key, { kind: 'SMSPROVIDER', label: 'A', priority: 10, baseUrl: smsProvider.url, credentials: { apiKey: 'sp-a', webhookSecret: 's' } });
    await connectForTest(server, account.key, { kind: 'BRANDSMS', label: 'B', priority: 20, baseUrl: brand.url, credentials: { key: 'bs-b', brandId: 'b', callbackKey: 'c' } });
    smsProvider.faults.failNext(1_000, 503);
    const circuitOf = async (label: string) => (await server.graphql(Circuit, {}, { key: account.key })).body.data!.viewer!.account.providers.find((p) => p.label === label)!.circuit;

    const first = await settled(account.key, await send(account.key, 'failover one'));
    expect(first).toMatchObject({ status: 'SENT', provider: { label: 'B' } });
    expect(first.attempts).toEqual([
      { provider: { label: 'A' }, succeeded: false, errorCode: 'PROVIDER_UNAVAILABLE', providerStatus: '503' },
      { provider: { label: 'B' }, succeeded: true, errorCode: null, providerStatus: expect.anything() },
    ]);
    expect(brand.messages.filter((m) => m.text === 'failover one')).toHaveLength(1);
    expect(await circuitOf('A')).toBe('CLOSED');

    for (const body of ['failover two', 'failover three']) await settled(account.key, await send(account.key, body));
    expect(await circuitOf('A')).toBe('OPEN');
    const requestsToA = smsProvider.requests.length;
    const fourth = await settled(account.key, await send(account.key, 'failover four'));
    expect(fourth.attempts).toEqual([expect.objectContaining({ provider: { label: 'B' }, succeeded: true })]);
    expect(smsProvider.requests.length).toBe(requestsToA);
    smsProvider.faults.reset();
  });

  it('a refusal of the message itself is not failed over', async () => {
    const account = await accountWithoutSandbox();
    await connectForTest(server, account.key, { kind: 'LIGHTNINGMSG', label: 'A', priority: 10, baseUrl: lightning.baseUrl, credentials: { apiKey: 'lm-a', secretCode: 's', webhookHeaders: { 'X-H': 'h' } } });
    await connectForTest(server, account.key, { kind: 'BRANDSMS', label: 'B', priority: 20, baseUrl: brand.url, credentials: { key: 'bs-b', brandId: 'b', callbackKey: 'c' } });
    lightning.refuseNext('4007');
    const message = await settled(account.key, await send(account.key, 'not failed over'));
    expect(message).toMatchObject({ status: 'FAILED', error: { code: 'INVALID_PHONE_NUMBER' } });
    expect(message.attempts).toEqual([expect.objectContaining({ provider: { label: 'A' }, succeeded: false, providerStatus: '4007' })]);
    expect(brand.messages.filter((m) => m.text === 'not failed over')).toHaveLength(0);
  });

  it('a connection limited to calling codes takes only those numbers', async () => {
    const account = await accountWithoutSandbox();
    await connectForTest(server, account.key, { kind: 'BRANDSMS', label: 'Lithuania only', priority: 10, countryCodes: ['370'], baseUrl: brand.url, credentials: { key: 'bs-b', brandId: 'b', callbackKey: 'c' } });
    await connectForTest(server, account.key, { kind: 'LIGHTNINGMSG', label: 'Everything else', priority: 20, baseUrl: lightning.baseUrl, credentials: { apiKey: 'lm-a', secretCode: 's', webhookHeaders: { 'X-H': 'h' } } });
    const lithuanian = (await server.graphql(Send, { input: { to: '+37061234567', body: 'labas' } }, { key: account.key })).body.data!.send!.message!.id;
    const romanian = await send(account.key, 'salut');
    expect((await settled(account.key, lithuanian)).provider).toEqual({ label: 'Lithuania only' });
    expect((await settled(account.key, romanian)).provider).toEqual({ label: 'Everything else' });
  });
});

describe('rate limits', () => {
  it('a connection whose own limit is used up for longer than a short wait passes the message on at once', async () => {
    const account = await accountWithoutSandbox();
    await connectForTest(server, account.key, { kind: 'SMSGATE', label: 'One a minute', priority: 10, baseUrl: smsGate.url, options: { requestsPerMinute: 1 }, credentials: { apiKey: 'sg' } });
    await connectForTest(server, account.key, { kind: 'BRANDSMS', label: 'B', priority: 20, baseUrl: brand.url, credentials: { key: 'bs-b', brandId: 'b', callbackKey: 'c' } });
    const first = await settled(account.key, await send(account.key, 'first of the minute'));
    const second = await settled(account.key, await send(account.key, 'second of the minute'));
    expect(first.provider).toEqual({ label: 'One a minute' });
    expect(second).toMatchObject({ status: 'SENT', provider: { label: 'B' } });
    expect(second.attempts).toEqual([
      { provider: { label: 'One a minute' }, succeeded: false, errorCode: 'RATE_LIMITED', providerStatus: 'local_rate_limit' },
      expect.objectContaining({ provider: { label: 'B' }, succeeded: true }),
    ]);
    expect(smsGate.messages.filter((m) => m.body === 'second of the minute')).toHaveLength(0);
  });

  it('a provider limited to 5 requests a second is never sent more, counted at the provider', async () => {
    const account = await accountWithoutSandbox();
    await connectForTest(server, account.key, { kind: 'SMSPROVIDER', label: 'Slow', baseUrl: smsProvider.url, options: { requestsPerSecond: 5 }, credentials: { apiKey: 'sp-a', webhookSecret: 's' } });
    const before = smsProvider.requests.length;
    // Different texts: each message is its own request.
    const messages = Array.from({ length: 12 }, (_, i) => ({ to: '+40712345678', body: `limited ${i}` }));
    expect((await server.graphql(SendMany, { input: { messages } }, { key: account.key })).body.data!.sendBulk!.bulk!.accepted).toBe(12);
    const deadline = Date.now() + 10_000;
    while (smsProvider.requests.length < before + 12 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const times = smsProvider.requests.slice(before).map((r) => r.at);
    expect(times).toHaveLength(12);
    const busiestSecond = Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + 1000).length));
    expect(busiestSecond).toBeLessThanOrEqual(5);
    expect([...smsProvider.messages.values()].filter((m) => m.message.startsWith('limited '))).toHaveLength(12);
  });
});
