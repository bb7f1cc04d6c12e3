import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { startTestServer, subscribe, type TestServer } from './support/server.js';

const ApiKeyChanged = `subscription { apiKeyChanged { change apiKey { name status } } }`;

const CreateKey = graphql(`
  mutation CreateKeyForSubscription($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { apiKey { id } secret userErrors { code } }
  }
`);

const Revoke = graphql(`
  mutation RevokeForSubscription($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) { userErrors { code } }
  }
`);

let server: TestServer;
let admin: Awaited<ReturnType<TestServer['createAccount']>>;

beforeAll(async () => {
  server = await startTestServer({ socketRecheckMs: 200 });
  admin = await server.createAccount();
});
afterAll(() => server?.close());

const newKey = async (name: string) => {
  const { body } = await server.graphql(CreateKey, { input: { name, scopes: ['KEYS_MANAGE'] } }, { key: admin.key });
  return body.data!.createApiKey!;
};

describe('graphql-ws', () => {
  it('authenticates connection_init { apiKey } and delivers the account’s events, not another account’s', async () => {
    const { client } = server.ws({ apiKey: admin.key });
    const sub = subscribe<{ apiKeyChanged: { change: string; apiKey: { name: string } } }>(client, ApiKeyChanged);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stranger = await server.createAccount();
    await server.graphql(CreateKey, { input: { name: 'elsewhere', scopes: ['KEYS_MANAGE'] } }, { key: stranger.key });
    await newKey('live one');
    const [first] = await sub.waitFor(1);
    expect(first!.data).toEqual({ apiKeyChanged: { change: 'CREATED', apiKey: { name: 'live one', status: 'ACTIVE' } } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sub.results).toHaveLength(1);
    sub.dispose();
  });

  it('closes the socket with 4403 for a malformed or unknown key in connection_init', async () => {
    for (const params of [{ apiKey: 'sb_nope' }, { apiKey: admin.key.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')) }]) {
      const { closed } = server.ws(params);
      expect((await closed).code).toBe(4403);
    }
  });

  it('closes a socket with 4403 when its first operation carries no key either', async () => {
    const { client, closed } = server.ws(undefined);
    subscribe(client, ApiKeyChanged);
    expect((await closed).code).toBe(4403);
  });

  it('accepts the key as headers, in connection_init or in the operation, as GraphiQL sends them', async () => {
    const { client } = server.ws({ 'X-Api-Key': admin.key });
    const { client: graphiqlLike } = server.ws(undefined);
    const viaInit = subscribe(client, ApiKeyChanged);
    const viaOperation = subscribe(graphiqlLike, ApiKeyChanged, undefined, { headers: { 'X-Api-Key': admin.key } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await newKey('seen by header-style clients');
    await viaInit.waitFor(1);
    await viaOperation.waitFor(1);
    expect([viaInit.error, viaOperation.error]).toEqual([undefined, undefined]);
    viaInit.dispose();
    viaOperation.dispose();
  });

  it('refuses a subscription the key lacks the scope for', async () => {
    const reader = await server.createKey(admin.account.id, ['messages:read']);
    const { client } = server.ws({ apiKey: reader.key });
    const sub = subscribe(client, ApiKeyChanged);
    await sub.waitFor(1);
    const errors = (sub.error ?? sub.results[0]?.errors) as Array<{ extensions: { code: string } }>;
    expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });

  it('closes a revoked key’s open subscription socket within 5 seconds', async () => {
    const watcher = await newKey('watcher');
    const { client, closed } = server.ws({ apiKey: watcher.secret });
    const sub = subscribe(client, ApiKeyChanged);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const revokedAt = Date.now();
    await server.graphql(Revoke, { input: { id: watcher.apiKey!.id } }, { key: admin.key });
    const event = await closed;
    expect(event.code).toBe(4403);
    expect(Date.now() - revokedAt).toBeLessThan(5000);
    expect(sub.results.length).toBeLessThanOrEqual(1);
  });

  it('closes the socket of a rotated key when its grace period ends', async () => {
    const watcher = await newKey('rotating watcher');
    const { closed } = server.ws({ apiKey: watcher.secret });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await server.graphql(
      `mutation($id: ID!) { rotateApiKey(input: { id: $id, gracePeriodHours: 1 }) { userErrors { code } } }`,
      { id: watcher.apiKey!.id },
      { key: admin.key },
    );
    server.clock.advance(3_600_000 + 1000);
    expect((await closed).code).toBe(4403);
  });
});

describe('server-sent events', () => {
  it('streams a subscription over HTTP with the key in a header', async () => {
    const abort = new AbortController();
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      signal: abort.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-api-key': admin.key },
      body: JSON.stringify({ query: ApiKeyChanged }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await newKey('over SSE');
    let text = '';
    while (!text.includes('over SSE')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('"change":"CREATED"');
    abort.abort();
  });

  it('answers 401 to a subscription without a key', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: ApiKeyChanged }),
    });
    expect(res.status).toBe(401);
  });
});
