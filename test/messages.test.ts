import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_NUMBERS } from '../src/providers/sandbox/adapter.js';
import { graphql } from './gql/index.js';
import { startTestServer, subscribe, type TestServer } from './support/server.js';

const Send = graphql(`
  mutation Send($input: SendInput!) {
    send(input: $input) {
      message { id to body encoding segments status scheduledAt createdAt provider { kind } }
      userErrors { field message code }
    }
  }
`);

const MessageById = graphql(`
  query MessageById($id: ID!) {
    message(id: $id) {
      id status sentAt deliveredAt failedAt providerMessageId
      error { code message }
      events { status providerStatus applied }
    }
  }
`);

let server: TestServer;
let admin: Awaited<ReturnType<TestServer['createAccount']>>;

beforeAll(async () => {
  server = await startTestServer({ sandboxDeliveryDelayMs: 100 });
  admin = await server.createAccount();
});
afterAll(() => server?.close());

const send = (input: { to: string; body: string; sender?: string; sendAt?: string; idempotencyKey?: string }, key = admin.key) =>
  server.graphql(Send, { input }, { key });

async function waitForStatus(id: string, status: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await server.graphql(MessageById, { id }, { key: admin.key });
    const message = body.data!.message!;
    if (message.status === status || Date.now() > deadline) return message;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('send', () => {
  it('accepts a message, normalises the number, and the sandbox takes it to DELIVERED', async () => {
    const { body } = await send({ to: '0040712345678', body: 'Hello from Switchboard' });
    const { message, userErrors } = body.data!.send!;
    expect(userErrors).toEqual([]);
    expect(message).toMatchObject({ to: '+40712345678', encoding: 'GSM7', segments: 1, status: 'QUEUED', scheduledAt: null, provider: { kind: 'SANDBOX' } });
    const delivered = await waitForStatus(message!.id, 'DELIVERED');
    expect(delivered).toMatchObject({ status: 'DELIVERED', providerMessageId: expect.stringMatching(/^sandbox_/) });
    expect(delivered.sentAt).not.toBeNull();
    expect(delivered.deliveredAt).not.toBeNull();
    expect(delivered.events.map((e) => e.status)).toEqual(['QUEUED', 'SENT', 'DELIVERED']);
  });

  it('reads a national number with the account’s default country, and asks for a country code without one', async () => {
    const romanian = await server.createAccount(undefined, 'RO');
    const { body } = await send({ to: '0712 345 678', body: 'national' }, romanian.key);
    expect(body.data!.send!.message!.to).toBe('+40712345678');
    const { body: refused } = await send({ to: '0712 345 678', body: 'national' });
    expect(refused.data!.send!.userErrors).toEqual([
      { field: ['input', 'to'], code: 'INVALID_PHONE_NUMBER', message: '"0712 345 678" needs a country code, e.g. +40… (or set the account\'s default country)' },
    ]);
  });

  it('counts UCS-2 segments for a body outside GSM-7', async () => {
    const { body } = await send({ to: '+40712345678', body: 'ж'.repeat(71) });
    expect(body.data!.send!.message).toMatchObject({ encoding: 'UCS2', segments: 2 });
  });

  it('refuses bad input with user errors naming each field, and no 5xx', async () => {
    const { status, body } = await send({ to: 'not a number', body: 'x'.repeat(1601), sendAt: new Date(Date.now() - 60_000).toISOString() });
    expect(status).toBe(200);
    expect(body.data!.send).toEqual({
      message: null,
      userErrors: [
        expect.objectContaining({ field: ['input', 'to'], code: 'INVALID_PHONE_NUMBER' }),
        expect.objectContaining({ field: ['input', 'body'], code: 'MESSAGE_TOO_LONG' }),
        expect.objectContaining({ field: ['input', 'sendAt'], code: 'INVALID_SCHEDULE_DATE', message: 'must be in the future' }),
      ],
    });
    const blank = await send({ to: '+40712345678', body: '   ' });
    expect(blank.body.data!.send!.userErrors).toEqual([expect.objectContaining({ field: ['input', 'body'], code: 'BLANK' })]);
    const tooFar = await send({ to: '+40712345678', body: 'x', sendAt: new Date(Date.now() + 400 * 86_400_000).toISOString() });
    expect(tooFar.body.data!.send!.userErrors).toEqual([expect.objectContaining({ field: ['input', 'sendAt'], code: 'INVALID_SCHEDULE_DATE' })]);
  });

  it('needs messages:send', async () => {
    const reader = await server.createKey(admin.account.id, ['messages:read']);
    const { body } = await send({ to: '+40712345678', body: 'x' }, reader.key);
    expect(body.data?.send ?? null).toBeNull();
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScopes: ['messages:send'] });
  });

  it('sends a scheduled message within a second of its time', async () => {
    const sendAt = new Date(Date.now() + 1500).toISOString();
    const { body } = await send({ to: '+40712345678', body: 'later', sendAt });
    const message = body.data!.send!.message!;
    expect(message).toMatchObject({ status: 'SCHEDULED', scheduledAt: sendAt });
    const sent = await waitForStatus(message.id, 'DELIVERED', 6000);
    expect(Date.parse(sent.sentAt!) - Date.parse(sendAt)).toBeLessThan(1000);
    expect(Date.parse(sent.sentAt!)).toBeGreaterThanOrEqual(Date.parse(sendAt));
    expect(sent.events.map((e) => e.status)).toEqual(['SCHEDULED', 'QUEUED', 'SENT', 'DELIVERED']);
  });
});

describe('the sandbox’s documented numbers', () => {
  it('fails delivery, rejects at send, and never receipts, each as documented', async () => {
    const ids = {} as Record<keyof typeof SANDBOX_NUMBERS, string>;
    for (const [name, to] of Object.entries(SANDBOX_NUMBERS)) {
      ids[name as keyof typeof SANDBOX_NUMBERS] = (await send({ to, body: name })).body.data!.send!.message!.id;
    }
    expect(await waitForStatus(ids.failsDelivery, 'FAILED')).toMatchObject({ error: { code: 'UNDELIVERABLE' }, events: expect.arrayContaining([expect.objectContaining({ providerStatus: 'undelivered' })]) });
    expect(await waitForStatus(ids.rejectedAtSend, 'FAILED')).toMatchObject({ error: { code: 'INVALID_PHONE_NUMBER' }, sentAt: null });
    const providerDown = await waitForStatus(ids.providerDown, 'FAILED');
    expect(providerDown.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', message: expect.stringContaining('gave up after 5 attempts') });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await waitForStatus(ids.neverReceipted, 'SENT')).status).toBe('SENT');
  });
});

describe('idempotency', () => {
  it('returns the first message for a repeated key, refuses the key for another input, and makes one message for two concurrent requests', async () => {
    const input = { to: '+40712345678', body: 'once', idempotencyKey: `order-${Math.random()}` };
    const first = (await send(input)).body.data!.send!.message!;
    const again = (await send(input)).body.data!.send!.message!;
    expect(again.id).toBe(first.id);
    const other = await send({ ...input, body: 'something else' });
    expect(other.body.data!.send!.userErrors).toEqual([expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })]);

    const racing = { to: '+40712345678', body: 'race', idempotencyKey: `race-${Math.random()}` };
    const [a, b] = await Promise.all([send(racing), send(racing)]);
    expect(a.body.data!.send!.message!.id).toBe(b.body.data!.send!.message!.id);
  });
});

describe('messageStatusChanged', () => {
  it('streams QUEUED → SENT → DELIVERED over graphql-ws, and never another account’s messages', async () => {
    const watcher = await server.createAccount();
    const { client } = server.ws({ apiKey: watcher.key });
    const sub = subscribe<{ messageStatusChanged: { status: string; previousStatus: string | null; message: { to: string; events: unknown[] } } }>(
      client,
      'subscription { messageStatusChanged { status previousStatus message { to events { status } } } }',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stranger = await server.createAccount();
    await send({ to: '+40712345670', body: 'not yours' }, stranger.key);
    await send({ to: '+40712345679', body: 'watch me' }, watcher.key);
    const results = await sub.waitFor(3);
    // The history is read fresh for each event (not memoised for the subscription's lifetime).
    const historyLengths = results.map((r) => r.data!.messageStatusChanged.message.events.length);
    expect(historyLengths.at(-1)).toBe(3);
    expect([...historyLengths].sort()).toEqual(historyLengths);
    expect(results.map(({ data }) => ({ ...data!.messageStatusChanged, message: { to: data!.messageStatusChanged.message.to } }))).toEqual([
      { status: 'QUEUED', previousStatus: null, message: { to: '+40712345679' } },
      { status: 'SENT', previousStatus: 'QUEUED', message: { to: '+40712345679' } },
      { status: 'DELIVERED', previousStatus: 'SENT', message: { to: '+40712345679' } },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sub.results).toHaveLength(3);
    sub.dispose();
  });
});

describe('messageStatusChanged over server-sent events', () => {
  it('streams the status changes of a watched message', async () => {
    const watcher = await server.createAccount();
    const abort = new AbortController();
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      signal: abort.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-api-key': watcher.key },
      body: JSON.stringify({ query: 'subscription { messageStatusChanged { status previousStatus } }' }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await send({ to: '+40712345680', body: 'over SSE' }, watcher.key);
    let text = '';
    while (!text.includes('"DELIVERED"')) text += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    const statuses = [...text.matchAll(/"status":"(\w+)"/g)].map((m) => m[1]);
    expect(statuses).toEqual(['QUEUED', 'SENT', 'DELIVERED']);
  });
});

describe('estimate', () => {
  it('tells the encoding and parts of a body before sending, and needs a key', async () => {
    const query = 'query($body: String!) { estimate(body: $body) { encoding characters segments charactersPerSegment } }';
    const { body } = await server.graphql(query, { body: `${'a'.repeat(150)}€€€€€€` }, { key: admin.key });
    expect(body.data).toEqual({ estimate: { encoding: 'GSM7', characters: 162, segments: 2, charactersPerSegment: 153 } });
    expect((await server.graphql(query, { body: 'x' })).status).toBe(401);
  });
});

describe('messageStatusChanged filter', () => {
  it('delivers only the watched message’s changes', async () => {
    const watcher = await server.createAccount();
    const watched = (await send({ to: '+40712345690', body: 'watched', sendAt: new Date(Date.now() + 600).toISOString() }, watcher.key)).body.data!.send!.message!;
    const { client } = server.ws({ apiKey: watcher.key });
    const sub = subscribe<{ messageStatusChanged: { message: { id: string }; status: string } }>(
      client,
      'subscription($ids: [ID!]) { messageStatusChanged(filter: { ids: $ids }) { status message { id } } }',
      { ids: [watched.id] },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await send({ to: '+40712345691', body: 'not watched' }, watcher.key);
    const results = await sub.waitFor(3, 6000);
    expect(results.map((r) => r.data!.messageStatusChanged)).toEqual([
      { status: 'QUEUED', message: { id: watched.id } },
      { status: 'SENT', message: { id: watched.id } },
      { status: 'DELIVERED', message: { id: watched.id } },
    ]);
    sub.dispose();
  });
});
