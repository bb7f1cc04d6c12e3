import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrandSmsEmulator, type BrandSmsEmulator } from './emulators/brandsms.js';
import { startLightningMsgEmulator, type LightningMsgEmulator } from './emulators/lightningmsg.js';
import { startLightSmsEmulator, type LightSmsEmulator } from './emulators/lightsms.js';
import { startSmsGateEmulator, type SmsGateEmulator } from './emulators/smsgate.js';
import { startSmsProviderEmulator, type SmsProviderEmulator } from './emulators/smsprovider.js';
import { graphql } from './gql/index.js';
import { connectForTest } from './support/providers.js';
import { startTestServer, subscribe, type TestServer } from './support/server.js';

const Packages = graphql(`
  query Packages {
    viewer {
      account {
        packages {
          provider { kind label }
          name totalSms usedSms remainingSms expiresAt credits
          balance { amount currency }
          error { code message }
        }
      }
    }
  }
`);

const Send = graphql(`
  mutation PackagesSend($input: SendInput!) {
    send(input: $input) { message { id } userErrors { code } }
  }
`);

const Source = graphql(`
  query StatusSource($id: ID!) {
    message(id: $id) { status statusSource }
  }
`);

let server: TestServer;
let lightning: LightningMsgEmulator;
let smsProvider: SmsProviderEmulator;
let brand: BrandSmsEmulator;
let lightSms: LightSmsEmulator;
let smsGate: SmsGateEmulator;

beforeAll(async () => {
  // Polling: a report late by 300 ms is asked for; the poller looks every 100 ms.
  server = await startTestServer({ polling: { afterMs: 300, intervalMs: 100 }, packagesCacheMs: 60_000 });
  lightning = await startLightningMsgEmulator({
    accounts: [{ apiKey: 'lm', secretCode: 's', webhookHeaders: { 'X-H': 'h' }, packages: [{ name: '100 SMS', totalSms: 100, usedSms: 40, expireDate: '2099-12-01 18:59:23' }] }],
  });
  smsProvider = await startSmsProviderEmulator({ accounts: [{ apiKey: 'sp', webhookSecret: 'real-secret', credits: 1229 }], deliveryDelayMs: 50, callbackIntervalMs: 50, requestsPerSecond: 1000 });
  brand = await startBrandSmsEmulator({ accounts: [{ key: 'bs', brandId: 'b', callbackKey: 'c', balance: 10 }] });
  lightSms = await startLightSmsEmulator({ accounts: [{ login: 'ls', apiKey: 'k', balance: 12.34, currency: 'EUR', senders: ['Switchboard'] }] });
  smsGate = await startSmsGateEmulator({ accounts: [{ apiKey: 'sg', balance: 1520, currency: 'KES' }] });
});
afterAll(async () => {
  await server?.close();
  await Promise.all([lightning, smsProvider, brand, lightSms, smsGate].map((emulator) => emulator?.close()));
});

describe('packages', () => {
  it('gathers all five kinds in one query; a provider that is down is an entry with an error; answers are kept', async () => {
    const account = await server.createAccount();
    const connect = (input: Parameters<typeof connectForTest>[2]) => connectForTest(server, account.key, input);
    await connect({ kind: 'LIGHTNINGMSG', label: 'LM', baseUrl: lightning.baseUrl, credentials: { apiKey: 'lm', secretCode: 's', webhookHeaders: { 'X-H': 'h' } } });
    await connect({ kind: 'SMSPROVIDER', label: 'SP', baseUrl: smsProvider.url, credentials: { apiKey: 'sp', webhookSecret: 'real-secret' } });
    await connect({ kind: 'BRANDSMS', label: 'BS', baseUrl: brand.url, credentials: { key: 'bs', brandId: 'b', callbackKey: 'c' } });
    await connect({ kind: 'LIGHTSMS', label: 'LS', baseUrl: lightSms.baseUrl, credentials: { login: 'ls', apiKey: 'k' } });
    await connect({ kind: 'SMSGATE', label: 'SG', baseUrl: smsGate.url, credentials: { apiKey: 'sg' } });
    smsGate.faults.failNext(1, 503);

    const { body } = await server.graphql(Packages, {}, { key: account.key });
    const byLabel = Object.fromEntries(body.data!.viewer!.account.packages.map((p) => [p.provider.label, p]));
    expect(byLabel.LM).toMatchObject({ name: '100 SMS', totalSms: 100, usedSms: 40, remainingSms: 60, expiresAt: '2099-12-01T18:59:23.000Z', error: null });
    expect(byLabel.SP).toMatchObject({ credits: 1229, error: null });
    expect(byLabel.LS).toMatchObject({ balance: { amount: 12.34, currency: 'EUR' }, error: null });
    expect(byLabel.SG).toMatchObject({ name: null, error: { code: 'PROVIDER_UNAVAILABLE' } });
    expect(byLabel.BS).toMatchObject({ error: { code: 'NOT_SUPPORTED' } });
    expect(byLabel.Sandbox).toMatchObject({ error: null });

    const requestsToLightning = lightning.requests.length;
    const again = await server.graphql(Packages, {}, { key: account.key });
    expect(lightning.requests.length).toBe(requestsToLightning);
    // The failed provider is asked again (failures are not kept), and answers now.
    expect(again.body.data!.viewer!.account.packages.find((p) => p.provider.label === 'SG')).toMatchObject({ balance: { amount: 1520, currency: 'KES' }, error: null });
  });

  it('credits reported with a send refresh the kept answer', async () => {
    const account = await server.createAccount();
    await connectForTest(server, account.key, { kind: 'SMSPROVIDER', label: 'SP', priority: 1, baseUrl: smsProvider.url, credentials: { apiKey: 'sp', webhookSecret: 'real-secret' } });
    const creditsOf = async () => (await server.graphql(Packages, {}, { key: account.key })).body.data!.viewer!.account.packages.find((p) => p.provider.label === 'SP')!.credits;
    const before = await creditsOf();
    const requests = smsProvider.requests.length;
    await server.graphql(Send, { input: { to: '+40712345678', body: 'costs one credit' } }, { key: account.key });
    const deadline = Date.now() + 5_000;
    while ((await creditsOf()) === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(await creditsOf()).toBe(before! - 1);
    // Refreshed from the send's answer, not by asking GET /account again.
    expect(smsProvider.requests.slice(requests).filter((r) => r.path.endsWith('/account'))).toHaveLength(0);
  });
});

describe('status without webhooks', () => {
  it('when the webhook does not arrive, polling turns SENT into DELIVERED, seen by a subscriber', async () => {
    const account = await server.createAccount();
    // A webhook secret the provider does not use: every webhook is refused, so only polling can tell.
    await connectForTest(server, account.key, { kind: 'SMSPROVIDER', label: 'SP', priority: 1, baseUrl: smsProvider.url, credentials: { apiKey: 'sp', webhookSecret: 'not-what-it-signs-with' } });
    const { client } = server.ws({ apiKey: account.key });
    const watch = subscribe<{ messageStatusChanged: { status: string } }>(client, 'subscription { messageStatusChanged { status } }');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const { body } = await server.graphql(Send, { input: { to: '+40712345679', body: 'poll me' } }, { key: account.key });
    const results = await watch.waitFor(3, 8_000);
    expect(results.map((r) => r.data!.messageStatusChanged.status)).toEqual(['QUEUED', 'SENT', 'DELIVERED']);
    const id = body.data!.send!.message!.id;
    expect(smsProvider.requests.some((r) => r.method === 'GET' && r.path.includes('/messages/'))).toBe(true);
    expect((await server.graphql(Source, { id }, { key: account.key })).body.data!.message).toEqual({ status: 'DELIVERED', statusSource: 'PUSH' });
    watch.dispose();
  });

  it('a provider that reports nothing leaves the message SENT and says so', async () => {
    const account = await server.createAccount();
    await connectForTest(server, account.key, { kind: 'SMSGATE', label: 'SG', priority: 1, baseUrl: smsGate.url, credentials: { apiKey: 'sg' } });
    const { body } = await server.graphql(Send, { input: { to: '+254701234567', body: 'no news' } }, { key: account.key });
    const id = body.data!.send!.message!.id;
    const deadline = Date.now() + 5_000;
    let message = (await server.graphql(Source, { id }, { key: account.key })).body.data!.message!;
    while (message.status !== 'SENT' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      message = (await server.graphql(Source, { id }, { key: account.key })).body.data!.message!;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await server.graphql(Source, { id }, { key: account.key })).body.data!.message).toEqual({ status: 'SENT', statusSource: 'NONE' });
    expect(smsGate.messages.at(-1)).toMatchObject({ number: '0701234567' });
  });
});
