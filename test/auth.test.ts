import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { DAY } from './support/clock.js';
import { startTestServer, type TestServer } from './support/server.js';

const AccountName = graphql(`
  query AccountName {
    viewer { account { name } }
  }
`);

let server: TestServer;
let admin: Awaited<ReturnType<TestServer['createAccount']>>;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.createAccount('Auth test account');
});
afterAll(() => server?.close());

const expectUnauthenticated = (response: Awaited<ReturnType<TestServer['graphql']>>, message: RegExp) => {
  expect(response.status).toBe(401);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } })]);
};

describe('authentication over HTTP', () => {
  it('accepts the key as X-Api-Key and as Authorization: Bearer', async () => {
    const viaHeader = await server.graphql(AccountName, {}, { key: admin.key });
    expect(viaHeader.body.data).toEqual({ viewer: { account: { name: 'Auth test account' } } });
    const viaBearer = await server.graphql(AccountName, {}, { headers: { authorization: `Bearer ${admin.key}` } });
    expect(viaBearer.body.data).toEqual(viaHeader.body.data);
  });

  it('answers 401 UNAUTHENTICATED without a key', async () => {
    expectUnauthenticated(await server.graphql(AccountName), /API key is required/);
  });

  it('rejects a mistyped key by its checksum', async () => {
    const typo = `${admin.key.slice(0, 10)}${admin.key[10] === 'a' ? 'b' : 'a'}${admin.key.slice(11)}`;
    expectUnauthenticated(await server.graphql(AccountName, {}, { key: typo }), /malformed/);
    expectUnauthenticated(await server.graphql(AccountName, {}, { key: 'sb_short' }), /malformed/);
    expectUnauthenticated(await server.graphql(AccountName, {}, { headers: { authorization: 'Basic abc' } }), /required/);
  });

  it('rejects a well-formed key that was never issued', async () => {
    const { generateSecret } = await import('../src/domain/api-keys/secret.js');
    expectUnauthenticated(await server.graphql(AccountName, {}, { key: generateSecret().secret }), /not recognised/);
  });

  it('rejects a key once it has expired', async () => {
    const { key } = await server.createKey(admin.account.id, ['messages:read'], 1);
    expect((await server.graphql(AccountName, {}, { key })).status).toBe(200);
    server.clock.advance(DAY + 1000);
    expectUnauthenticated(await server.graphql(AccountName, {}, { key }), /expired at/);
  });

  it('lets GraphiQL load the schema without a key, and nothing else', async () => {
    const introspection = await server.graphql('query IntrospectionQuery { __schema { queryType { name } } }');
    expect(introspection.status).toBe(200);
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const sneaky = await server.graphql('query { __typename viewer { account { name } } }');
    expect(sneaky.status).toBe(401);
  });
});

describe('scopes', () => {
  it('answers FORBIDDEN naming the scope a field needs, and still serves what the key may read', async () => {
    const { key } = await server.createKey(admin.account.id, ['messages:read']);
    const { body } = await server.graphql('{ viewer { account { name apiKeys(first: 1) { totalCount } } apiKey { scopes } } }', {}, { key });
    expect(body.data).toEqual({ viewer: { account: { name: 'Auth test account', apiKeys: null }, apiKey: { scopes: ['MESSAGES_READ'] } } });
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['viewer', 'account', 'apiKeys'],
        message: 'This API key lacks the "keys:manage" scope this field needs.',
        extensions: { code: 'FORBIDDEN', requiredScopes: ['keys:manage'] },
      }),
    ]);
  });
});
