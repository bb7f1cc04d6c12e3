import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let admin: Awaited<ReturnType<TestServer['createAccount']>>;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.createAccount();
});
afterAll(() => server?.close());

const nested = (depth: number): string => (depth === 0 ? 'id' : `id bulk { messages(first: 1) { nodes { ${nested(depth - 1)} } } }`);

describe('query limits', () => {
  it('a full page with every list on it is allowed', async () => {
    const { body } = await server.graphql(
      `{ viewer { account { messages(first: 100) { totalCount nodes { id to body status events { status at providerStatus applied } attempts { provider { id label } at succeeded errorCode } provider { id kind } bulk { id total } } } } } }`,
      {},
      { key: admin.key },
    );
    expect(body.errors).toBeUndefined();
  });

  it('GraphiQL’s introspection query is allowed', async () => {
    const { body } = await server.graphql(getIntrospectionQuery(), {}, { key: admin.key });
    expect(body.errors).toBeUndefined();
  });

  it('pages within pages that would read a million rows are refused before anything runs, naming the limit', async () => {
    const { status, body } = await server.graphql(
      `{ viewer { account { messages(first: 100) { nodes { bulk { messages(first: 100) { nodes { events { status } } } } } } } } }`,
      {},
      { key: admin.key },
    );
    expect(status).toBe(200);
    expect((body.data as { viewer?: unknown } | null | undefined)?.viewer ?? null).toBeNull();
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX', measure: 'complexity', limit: 25_000 } });
    expect(body.errors?.[0]?.message).toMatch(/complexity is \d+; the limit is 25000/);
  });

  it('a query nested deeper than 15 levels is refused', async () => {
    const { body } = await server.graphql(`{ viewer { account { messages(first: 1) { nodes { ${nested(4)} } } } } }`, {}, { key: admin.key });
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX', measure: 'depth' } });
  });
});
