import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { startTestServer, type TestServer } from './support/server.js';

const Ids = graphql(`
  query Ids {
    viewer { account { id } apiKey { id } }
  }
`);

const Node = graphql(`
  query Node($id: ID!) {
    node(id: $id) {
      id
      __typename
      ... on Account { name }
      ... on ApiKey { name prefix }
    }
  }
`);

const Nodes = graphql(`
  query Nodes($ids: [ID!]!) {
    nodes(ids: $ids) { id __typename }
  }
`);

let server: TestServer;
let mine: { key: string; accountId: string; apiKeyId: string };
let theirs: { key: string; accountId: string; apiKeyId: string };

async function globalIds(key: string) {
  const { body } = await server.graphql(Ids, {}, { key });
  return { key, accountId: body.data!.viewer!.account.id, apiKeyId: body.data!.viewer!.apiKey.id };
}

beforeAll(async () => {
  server = await startTestServer();
  mine = await globalIds((await server.createAccount('Mine')).key);
  theirs = await globalIds((await server.createAccount('Theirs')).key);
});
afterAll(() => server?.close());

describe('node and nodes', () => {
  it('fetch the viewer’s own account and key by global ID', async () => {
    const account = await server.graphql(Node, { id: mine.accountId }, { key: mine.key });
    expect(account.body.data!.node).toEqual({ id: mine.accountId, __typename: 'Account', name: 'Mine' });
    const key = await server.graphql(Node, { id: mine.apiKeyId }, { key: mine.key });
    expect(key.body.data!.node).toMatchObject({ id: mine.apiKeyId, __typename: 'ApiKey', name: 'Admin key' });
  });

  it('return null, never the object, for another account’s account and keys', async () => {
    for (const id of [theirs.accountId, theirs.apiKeyId]) {
      const { body } = await server.graphql(Node, { id }, { key: mine.key });
      expect(body.errors).toBeUndefined();
      expect(body.data!.node).toBeNull();
    }
    const { body } = await server.graphql(Nodes, { ids: [mine.accountId, theirs.accountId, theirs.apiKeyId, mine.apiKeyId] }, { key: mine.key });
    expect(body.data!.nodes).toEqual([
      { id: mine.accountId, __typename: 'Account' },
      null,
      null,
      { id: mine.apiKeyId, __typename: 'ApiKey' },
    ]);
  });

  it('return null for an ID that does not exist', async () => {
    const id = Buffer.from('ApiKey:00000000-0000-7000-8000-000000000000').toString('base64');
    const { body } = await server.graphql(Node, { id }, { key: mine.key });
    expect(body.data!.node).toBeNull();
  });

  it('refuse another key of the account to a key without keys:manage', async () => {
    const reader = await server.createKey(Buffer.from(mine.accountId, 'base64').toString().split(':')[1]!, ['messages:read']);
    const { body } = await server.graphql(Node, { id: mine.apiKeyId }, { key: reader.key });
    expect(body.data?.node ?? null).toBeNull();
    expect(body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
