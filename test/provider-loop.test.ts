import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrandSmsEmulator, type BrandSmsEmulator } from './emulators/brandsms.js';
import { startLightningMsgEmulator, type LightningMsgEmulator } from './emulators/lightningmsg.js';
import { startSmsProviderEmulator, type SmsProviderEmulator } from './emulators/smsprovider.js';
import { graphql } from './gql/index.js';
import { connectForTest } from './support/providers.js';
import { startTestServer, subscribe, type TestServer } from './support/server.js';

const Send = graphql(`
  mutation LoopSend($input: SendInput!) {
    send(input: $input) { message { id status } userErrors { field message code } }
  }
`);

const SendMany = graphql(`
  mutation LoopSendMany($input: SendBulkInput!) {
    sendBulk(input: $input) { bulk { id accepted } userErrors { field message code } }
  }
`);

const Cancel = graphql(`
  mutation LoopCancel($input: CancelInput!) {
    cancel(input: $input) { messages { id status } userErrors { field message code } }
  }
`);

const Message = graphql(`
  query LoopMessage($id: ID!) {
    message(id: $id) { status providerMessageId scheduledAt events { status providerStatus } }
  }
`);

type Change = { messageStatusChanged: { status: string; message: { id: string } } };
const WATCH = 'subscription { messageStatusChanged { status message { id } } }';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ dispatcher: { batchSize: 250 } });
});
afterAll(() => server?.close());

/** A fresh account watching its own status changes over graphql-ws. */
async function watchedAccount() {
  const account = await server.createAccount();
  const { client } = server.ws({ apiKey: account.key });
  const watch = subscribe<Change>(client, WATCH);
  await new Promise((resolve) => setTimeout(resolve, 150));
  const statusesOf = async (id: string, count: number) => {
    const deadline = Date.now() + 8_000;
    let seen: string[] = [];
    while (seen.length < count && Date.now() < deadline) {
      seen = watch.results.map((r) => r.data!.messageStatusChanged).filter((c) => c.message.id === id).map((c) => c.status);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return seen;
  };
  return { ...account, statusesOf, dispose: watch.dispose };
}

async function messageOf(key: string, id: string) {
  return (await server.graphql(Message, { id }, { key })).body.data!.message!;
}

describe('the full loop: send → provider → webhook → subscriber', () => {
  let smsProvider: SmsProviderEmulator;
  let brand: BrandSmsEmulator;
  let lightning: LightningMsgEmulator;

  beforeAll(async () => {
    smsProvider = await startSmsProviderEmulator({ accounts: [{ apiKey: 'sp-loop', webhookSecret: 'sp-loop-secret', credits: 1000 }], deliveryDelayMs: 50, callbackIntervalMs: 100, requestsPerSecond: 1000 });
    brand = await startBrandSmsEmulator({ accounts: [{ key: 'bs-loop', brandId: 'loop', callbackKey: 'bs-loop-cb', balance: 1000 }], deliveryDelayMs: 50, callbackIntervalMs: 100 });
    lightning = await startLightningMsgEmulator({
      accounts: [{ apiKey: 'lm-loop', secretCode: 'lm-loop-secret', webhookHeaders: { 'X-Loop': 'lm-loop-hook' }, packages: [{ name: '1000 SMS', totalSms: 1000, usedSms: 0, expireDate: '2099-01-01 00:00:00' }] }],
      deliveryDelayMs: 50,
      callbackIntervalMs: 100,
    });
  });
  afterAll(() => Promise.all([smsProvider?.close(), brand?.close(), lightning?.close()]));

  it('SMS Provider: QUEUED → SENT → DELIVERED, its callback_url set to the connection’s webhook', async () => {
    const watcher = await watchedAccount();
    const connection = await connectForTest(server, watcher.key, { kind: 'SMSPROVIDER', label: 'SP', baseUrl: smsProvider.url, credentials: { apiKey: 'sp-loop', webhookSecret: 'sp-loop-secret' } });
    const { body } = await server.graphql(Send, { input: { to: '+40712345678', body: 'loop' } }, { key: watcher.key });
    const id = body.data!.send!.message!.id;
    expect(await watcher.statusesOf(id, 3)).toEqual(['QUEUED', 'SENT', 'DELIVERED']);
    expect(JSON.parse(smsProvider.requests.at(-1)!.body)).toMatchObject({ to: '+40712345678', callback_url: connection.webhookUrl });
    watcher.dispose();
  });

  it('BrandSMS: QUEUED → SENT → DELIVERED through its GET callbacks, otp sent as otp=true', async () => {
    const watcher = await watchedAccount();
    const connection = await connectForTest(server, watcher.key, { kind: 'BRANDSMS', label: 'BS', baseUrl: brand.url, credentials: { key: 'bs-loop', brandId: 'loop', callbackKey: 'bs-loop-cb' } });
    brand.accounts[0]!.callbackUrl = connection.webhookUrl;
    const { body } = await server.graphql(Send, { input: { to: '+40712345678', body: 'your code is 1234', otp: true } }, { key: watcher.key });
    const id = body.data!.send!.message!.id;
    expect(await watcher.statusesOf(id, 3)).toEqual(['QUEUED', 'SENT', 'DELIVERED']);
    expect(brand.messages.at(-1)).toMatchObject({ number: '40712345678', otp: true });
    watcher.dispose();
  });

  it('LightningMSG: QUEUED → SENT, and its `sent` webhook is recorded; it reports no delivery, so none is invented', async () => {
    const watcher = await watchedAccount();
    const connection = await connectForTest(server, watcher.key, {
      kind: 'LIGHTNINGMSG',
      label: 'LM',
      baseUrl: lightning.baseUrl,
      credentials: { apiKey: 'lm-loop', secretCode: 'lm-loop-secret', webhookHeaders: { 'X-Loop': 'lm-loop-hook' } },
    });
    lightning.accounts[0]!.webhookUrl = connection.webhookUrl;
    const { body } = await server.graphql(Send, { input: { to: '+40712345678', body: 'loop' } }, { key: watcher.key });
    const id = body.data!.send!.message!.id;
    expect(await watcher.statusesOf(id, 2)).toEqual(['QUEUED', 'SENT']);
    const message = await (async () => {
      for (let i = 0; i < 100; i += 1) {
        const m = await messageOf(watcher.key, id);
        if (m.events.length === 3) return m;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('the webhook never arrived');
    })();
    expect(message.status).toBe('SENT');
    expect(message.events).toContainEqual({ status: 'SENT', providerStatus: 'sent' });
    watcher.dispose();
  });

  it('a message scheduled at LightningMSG is handed over at once with send_date, and cancel goes to LightningMSG', async () => {
    const account = await server.createAccount();
    await connectForTest(server, account.key, { kind: 'LIGHTNINGMSG', label: 'LM', baseUrl: lightning.baseUrl, credentials: { apiKey: 'lm-loop', secretCode: 'lm-loop-secret', webhookHeaders: { 'X-Loop': 'x' } } });
    const sendAt = new Date(Date.now() + 3_600_000);
    const { body } = await server.graphql(Send, { input: { to: '+40712345679', body: 'later', sendAt: sendAt.toISOString() } }, { key: account.key });
    const id = body.data!.send!.message!.id;
    let message = await messageOf(account.key, id);
    for (let i = 0; i < 100 && !message.providerMessageId; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      message = await messageOf(account.key, id);
    }
    expect(message.status).toBe('SCHEDULED');
    const handedOver = lightning.requests.find((r) => r.path.endsWith('/send') && new URLSearchParams(r.body).get('message') === 'later')!;
    // UTC (the connection's default zone), rounded up to the second so it is never early.
    const sendDate = new Date(Math.ceil(sendAt.getTime() / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
    expect(new URLSearchParams(handedOver.body).get('send_date')).toBe(sendDate);
    const cancelled = await server.graphql(Cancel, { input: { id } }, { key: account.key });
    expect(cancelled.body.data!.cancel).toMatchObject({ messages: [{ id, status: 'CANCELLED' }], userErrors: [] });
    expect(lightning.requests.at(-1)!.path).toContain(`/cancel/${message.providerMessageId}`);
    const again = await server.graphql(Cancel, { input: { id } }, { key: account.key });
    expect(again.body.data!.cancel!.userErrors).toEqual([expect.objectContaining({ code: 'NOT_CANCELLABLE' })]);
  });

  it('splits a large batch at the provider’s limit: 150 messages, two requests of 100 and 50', async () => {
    const account = await server.createAccount();
    await connectForTest(server, account.key, { kind: 'SMSPROVIDER', label: 'SP', baseUrl: smsProvider.url, credentials: { apiKey: 'sp-loop', webhookSecret: 'sp-loop-secret' } });
    const before = smsProvider.requests.length;
    const messages = Array.from({ length: 150 }, (_, i) => ({ to: `+4071200${String(i).padStart(4, '0')}` }));
    const { body } = await server.graphql(SendMany, { input: { body: 'same text for all', messages } }, { key: account.key });
    expect(body.data!.sendBulk!.bulk!.accepted).toBe(150);
    const deadline = Date.now() + 8_000;
    while (smsProvider.messages.size < 150 + before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    const sends = smsProvider.requests.slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(sends.map((r) => (JSON.parse(r.body) as { to: string[] }).to.length).sort((a, b) => b - a)).toEqual([100, 50]);
  });
});
