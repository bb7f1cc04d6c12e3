import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { messages } from '../src/db/schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrandSmsEmulator, type BrandSmsEmulator } from './emulators/brandsms.js';
import { startLightningMsgEmulator, type LightningMsgEmulator } from './emulators/lightningmsg.js';
import { startSmsProviderEmulator, type SmsProviderEmulator } from './emulators/smsprovider.js';
import { graphql } from './gql/index.js';
import { callWebhook, connectForTest, genuineCall, type ForgedCall, type WebhookKind } from './support/providers.js';
import { startTestServer, type TestServer } from './support/server.js';

const Send = graphql(`
  mutation SendThrough($input: SendInput!) {
    send(input: $input) { message { id status } userErrors { field message code } }
  }
`);

const Status = graphql(`
  query MessageStatus($id: ID!) {
    message(id: $id) { status providerMessageId events { status providerStatus } }
  }
`);

const CREDENTIALS = {
  LIGHTNINGMSG: { apiKey: 'lm-api-key-1', secretCode: 'lm-secret-code-1', webhookHeaders: { 'X-Webhook-Token': 'lm-hook-token-1' } },
  SMSPROVIDER: { apiKey: 'sp-api-key-1', webhookSecret: 'sp-webhook-secret-1' },
  BRANDSMS: { key: 'bs-key-1', brandId: 'brand-1', callbackKey: 'bs-callback-key-1' },
} as const;

type Kind = WebhookKind;

let server: TestServer;
let admin: Awaited<ReturnType<TestServer['createAccount']>>;
let lightning: LightningMsgEmulator;
let smsProvider: SmsProviderEmulator;
let brand: BrandSmsEmulator;
/** Connections whose emulator never calls back on its own: the tests make every call. */
const quiet = {} as Record<Kind, Awaited<ReturnType<typeof connectForTest>>>;

beforeAll(async () => {
  server = await startTestServer({ captureLogs: true });
  admin = await server.createAccount();
  // Long delays: the emulators accept and store, and the tests play the provider's calls.
  lightning = await startLightningMsgEmulator({ accounts: [{ ...CREDENTIALS.LIGHTNINGMSG, packages: [{ name: '1000 SMS', totalSms: 1000, usedSms: 0, expireDate: '2099-01-01 00:00:00' }] }], deliveryDelayMs: 600_000 });
  smsProvider = await startSmsProviderEmulator({ accounts: [{ ...CREDENTIALS.SMSPROVIDER, credits: 1000 }], deliveryDelayMs: 600_000, requestsPerSecond: 1000 });
  brand = await startBrandSmsEmulator({ accounts: [{ ...CREDENTIALS.BRANDSMS, balance: 1000 }], deliveryDelayMs: 600_000 });
  const baseUrl: Record<Kind, string> = { LIGHTNINGMSG: lightning.baseUrl, SMSPROVIDER: smsProvider.url, BRANDSMS: brand.url };
  for (const kind of ['LIGHTNINGMSG', 'SMSPROVIDER', 'BRANDSMS'] as const) {
    quiet[kind] = await connectForTest(server, admin.key, { kind, label: `${kind} quiet`, credentials: CREDENTIALS[kind], baseUrl: baseUrl[kind] });
  }
});
afterAll(async () => {
  await server?.close();
  await Promise.all([lightning?.close(), smsProvider?.close(), brand?.close()]);
});

async function sendThrough(kind: Kind) {
  const { body } = await server.graphql(Send, { input: { to: '+40712345678', body: `hello via ${kind}`, providerId: quiet[kind].id } }, { key: admin.key });
  const id = body.data!.send!.message!.id;
  return { id, providerMessageId: await waitFor(async () => (await messageOf(id)).providerMessageId) };
}

async function messageOf(id: string) {
  const { body } = await server.graphql(Status, { id }, { key: admin.key });
  return body.data!.message!;
}

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** One byte changed: in a body, the first quote (a signature no longer matches, or JSON breaks); in a query, the message ID. */
const changeOneByte = (call: ForgedCall): ForgedCall =>
  call.body ? { ...call, body: call.body.replace('"', "'") } : { ...call, query: call.query.replace(/smsID=./, 'smsID=Z') };

describe.each(['LIGHTNINGMSG', 'SMSPROVIDER', 'BRANDSMS'] as const)('webhooks from %s', (kind) => {
  const forge = (providerMessageId: string, status: 'SENT' | 'DELIVERED' = 'DELIVERED', credentials: Record<string, unknown> = CREDENTIALS[kind]) =>
    genuineCall[kind](credentials, providerMessageId, status, Date.now());
  const expected = kind === 'LIGHTNINGMSG' ? 'SENT' : 'DELIVERED';

  it('a genuine call applies its status once; a replay answers 200 and changes nothing', async () => {
    const { id, providerMessageId } = await sendThrough(kind);
    const call = forge(providerMessageId);
    expect(await callWebhook(quiet[kind].webhookUrl, call)).toBe(200);
    expect(await callWebhook(quiet[kind].webhookUrl, call)).toBe(200);
    const message = await messageOf(id);
    expect(message.status).toBe(expected);
    // QUEUED, SENT at hand-over, then the one webhook report (a second receipt adds nothing).
    expect(message.events).toHaveLength(3);
  });

  it('a wrong secret, a missing one, or a changed byte is refused and changes nothing', async () => {
    const { id, providerMessageId } = await sendThrough(kind);
    const wrong = Object.fromEntries(Object.entries(CREDENTIALS[kind]).map(([name, value]) => [name, typeof value === 'string' ? `${value}-forged` : { 'X-Webhook-Token': 'forged' }]));
    const missing = forge(providerMessageId);
    if (kind === 'BRANDSMS') missing.query = missing.query.replace(/key=[^&]*&/, '');
    else missing.headers = { 'content-type': 'application/json' };
    expect(await callWebhook(quiet[kind].webhookUrl, forge(providerMessageId, 'DELIVERED', wrong))).toBe(401);
    expect(await callWebhook(quiet[kind].webhookUrl, missing)).toBe(401);
    // SMS Provider signs its body (401); LightningMSG's changed body no longer parses (400); a
    // BrandSMS query with another smsID names no message of ours (409, nothing kept).
    const changed = await callWebhook(quiet[kind].webhookUrl, changeOneByte(forge(providerMessageId)));
    expect(changed).toBe({ SMSPROVIDER: 401, LIGHTNINGMSG: 400, BRANDSMS: 409 }[kind]);
    const message = await messageOf(id);
    expect(message.status).toBe('SENT');
    expect(message.events).toHaveLength(2);
  });

  it('an unknown connection, a disconnected one, or the wrong provider path is 404', async () => {
    const call = forge('whatever');
    const base = quiet[kind].webhookUrl.replace(/[^/]+$/, '');
    expect(await callWebhook(`${base}${randomUUID()}`, call)).toBe(404);
    expect(await callWebhook(`${base}not-a-uuid`, call)).toBe(404);
    const otherKind = kind === 'SMSPROVIDER' ? 'lightningmsg' : 'smsprovider';
    expect(await callWebhook(quiet[kind].webhookUrl.replace(`/${kind.toLowerCase()}/`, `/${otherKind}/`), call)).toBe(404);
  });

  it('receipts out of order never move the status back', async () => {
    if (kind === 'LIGHTNINGMSG') return; // it reports only `sent`: there is no later status to reorder
    const { id, providerMessageId } = await sendThrough(kind);
    expect(await callWebhook(quiet[kind].webhookUrl, forge(providerMessageId, 'DELIVERED'))).toBe(200);
    expect(await callWebhook(quiet[kind].webhookUrl, forge(providerMessageId, 'SENT'))).toBe(200);
    const message = await messageOf(id);
    expect(message.status).toBe('DELIVERED');
    // Events sort by the provider's own times (whole seconds here), so compare them as a set.
    expect(message.events.map((e) => e.status).sort()).toEqual(['DELIVERED', 'QUEUED', 'SENT', 'SENT']);
  });
});

describe('the webhook route', () => {
  it('answers 405 with Allow for the wrong method, and 413 for a body over 64 KB', async () => {
    const wrongMethod = await fetch(quiet.BRANDSMS.webhookUrl, { method: 'POST', body: '{}' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    const huge = await fetch(quiet.SMSPROVIDER.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(70 * 1024) });
    expect(huge.status).toBe(413);
  });
});

describe('a report that beats the hand-over', () => {
  it('is refused with 409 and nothing kept, so the provider’s retry applies it once the message is known', async () => {
    const { id, providerMessageId } = await sendThrough('SMSPROVIDER');
    const early = genuineCall.SMSPROVIDER(CREDENTIALS.SMSPROVIDER, `${providerMessageId}-not-yet`, 'DELIVERED', Date.now());
    expect(await callWebhook(quiet.SMSPROVIDER.webhookUrl, early)).toBe(409);
    // The hand-over's record lands: the message now carries the ID the report names.
    const rawId = Buffer.from(id, 'base64').toString('utf8').split(':')[1]!;
    await server.database.db.update(messages).set({ providerMessageId: `${providerMessageId}-not-yet` }).where(eq(messages.id, rawId));
    expect(await callWebhook(quiet.SMSPROVIDER.webhookUrl, early)).toBe(200);
    expect((await messageOf(id)).status).toBe('DELIVERED');
  });
});

describe('secrets stay secret', () => {
  it('no credential or callback key appears in any log line', async () => {
    const { providerMessageId } = await sendThrough('BRANDSMS');
    await callWebhook(quiet.BRANDSMS.webhookUrl, genuineCall.BRANDSMS(CREDENTIALS.BRANDSMS, providerMessageId, 'DELIVERED', Date.now()));
    await callWebhook(quiet.BRANDSMS.webhookUrl, genuineCall.BRANDSMS({ callbackKey: 'bs-callback-key-1-forged' }, providerMessageId, 'DELIVERED', Date.now()));
    const logs = server.logLines.join('\n');
    expect(logs).toContain('webhook refused');
    for (const credentials of Object.values(CREDENTIALS)) {
      for (const value of Object.values(credentials)) {
        for (const secret of typeof value === 'string' ? [value] : Object.values(value)) expect(logs).not.toContain(secret);
      }
    }
  });
});
