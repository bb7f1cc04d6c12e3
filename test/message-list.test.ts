import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/db/ids.js';
import { insertEvents, insertMessages } from '../src/domain/messages/store.js';
import type { MessagesPageQuery } from './gql/graphql.js';
import { graphql } from './gql/index.js';
import { startTestServer, type TestServer } from './support/server.js';

const MessagesPage = graphql(`
  query MessagesPage($first: Int, $after: String, $last: Int, $before: String, $filter: MessageFilter, $orderBy: MessageOrder) {
    viewer {
      account {
        messages(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
          totalCount
          edges { node { id to status } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }
    }
  }
`);

type Page = NonNullable<NonNullable<MessagesPageQuery['viewer']>['account']['messages']>;

let server: TestServer;
let owner: Awaited<ReturnType<TestServer['createAccount']>>;
const tied = '2026-01-01T10:00:00.000Z';
let expectedDesc: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.createAccount();
  // Seven finished messages, five sharing one created_at to the microsecond: ties must be broken by id.
  const rows = Array.from({ length: 7 }, (_, i) => ({
    id: newId(),
    accountId: owner.account.id,
    to: `+4071234560${i}`,
    body: `message ${i}`,
    encoding: 'GSM7',
    segments: 1,
    status: i % 2 ? 'DELIVERED' : 'FAILED',
    scheduledAt: i < 3 ? `2026-02-0${i + 1}T00:00:00.000Z` : null,
    createdAt: i < 5 ? tied : `2026-01-01T11:00:0${i}.000Z`,
  }));
  await insertMessages(server.database.db, rows);
  await insertEvents(server.database.db, rows.map((m) => ({ id: newId(), messageId: m.id, status: m.status, applied: true, at: m.createdAt })));
  const byCreatedDesc = [...rows].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
  expectedDesc = byCreatedDesc.map((m) => Buffer.from(`Message:${m.id}`).toString('base64'));
});
afterAll(() => server?.close());

async function page(variables: Parameters<typeof server.graphql<unknown, Record<string, unknown>>>[1]): Promise<Page> {
  const { body } = await server.graphql(MessagesPage, variables as never, { key: owner.key });
  if (body.errors) throw new Error(body.errors[0]!.message);
  return body.data!.viewer!.account.messages!;
}

describe('messages connection', () => {
  it('pages forwards through tied timestamps, newest first, with no row skipped or repeated', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const current: Page = await page({ first: 2, after });
      expect(current.totalCount).toBe(7);
      seen.push(...current.edges.map((e) => e.node.id));
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual(expectedDesc);
  });

  it('pages backwards to the same order', async () => {
    const seen: string[] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const current: Page = await page({ last: 3, before });
      seen.unshift(...current.edges.map((e) => e.node.id));
      if (!current.pageInfo.hasPreviousPage) break;
      before = current.pageInfo.startCursor ?? null;
    }
    expect(seen).toEqual(expectedDesc);
  });

  it('orders ascending on request', async () => {
    const ascending = await page({ first: 100, orderBy: { field: 'CREATED_AT', direction: 'ASC' } });
    expect(ascending.edges.map((e) => e.node.id)).toEqual([...expectedDesc].reverse());
  });

  it('filters by status, recipient, schedule and creation time', async () => {
    expect((await page({ first: 100, filter: { status: ['DELIVERED'] } })).edges.every((e) => e.node.status === 'DELIVERED')).toBe(true);
    expect((await page({ first: 100, filter: { status: ['DELIVERED'] } })).totalCount).toBe(3);
    expect((await page({ first: 100, filter: { to: '+40712345602' } })).edges.map((e) => e.node.to)).toEqual(['+40712345602']);
    expect((await page({ first: 100, filter: { scheduled: true } })).totalCount).toBe(3);
    expect((await page({ first: 100, filter: { scheduled: false } })).totalCount).toBe(4);
    expect((await page({ first: 100, filter: { createdAfter: '2026-01-01T10:30:00Z' } })).totalCount).toBe(2);
    const bySchedule = await page({ first: 100, orderBy: { field: 'SCHEDULED_AT', direction: 'ASC' } });
    expect(bySchedule.edges.map((e) => e.node.to)).toEqual(['+40712345600', '+40712345601', '+40712345602']);
  });

  it('refuses a bad page size, a forged cursor and a wrong-type ID in the filter, naming the argument', async () => {
    for (const [variables, argument] of [
      [{ first: 101 }, 'first'],
      [{ first: 1, after: 'forged' }, 'after'],
      [{ first: 1, filter: { bulkId: Buffer.from(`ApiKey:${owner.apiKey.id}`).toString('base64') } }, 'filter.bulkId'],
    ] as const) {
      const { body } = await server.graphql(MessagesPage, variables as never, { key: owner.key });
      expect(body.errors![0]).toMatchObject({ message: expect.stringMatching(new RegExp(`^${argument.replace('.', '\\.')}:`)), extensions: { code: 'BAD_USER_INPUT' } });
    }
  });

  it('runs a fixed number of SQL statements whatever the page size (no N+1)', async () => {
    const query = '{ viewer { account { messages(first: $N) { edges { node { provider { id } bulk { id } events { status } } } } } } }';
    const statementsFor = async (n: number) => {
      const start = server.statements.length;
      const { body } = await server.graphql(query.replace('$N', String(n)), {}, { key: owner.key });
      expect(body.errors).toBeUndefined();
      // The dispatcher and the status poller look for work in the background; only this request's statements count.
      const background = (sql: string) => sql.includes('greatest(') || sql.includes('skip locked');
      return server.statements.slice(start).filter((sql) => !background(sql)).length;
    };
    const small = await statementsFor(1);
    const large = await statementsFor(7);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(8);
  });
});

describe('nodes', () => {
  it('lists the same items as edges, without cursors', async () => {
    const { body } = await server.graphql('{ viewer { account { messages(first: 3) { nodes { id } edges { node { id } } } } } }', {}, { key: owner.key });
    const page = (body.data as { viewer: { account: { messages: { nodes: Array<{ id: string }>; edges: Array<{ node: { id: string } }> } } } }).viewer.account.messages;
    expect(page.nodes).toHaveLength(3);
    expect(page.nodes).toEqual(page.edges.map((edge) => edge.node));
  });
});

describe('message and node', () => {
  it('return the account’s own message and null for another account’s', async () => {
    const other = await server.createAccount();
    const id = expectedDesc[0]!;
    const mine = await server.graphql('query($id: ID!) { message(id: $id) { id } node(id: $id) { id } }', { id }, { key: owner.key });
    expect(mine.body.data).toEqual({ message: { id }, node: { id } });
    const theirs = await server.graphql('query($id: ID!) { message(id: $id) { id } node(id: $id) { id } }', { id }, { key: other.key });
    expect(theirs.body.data).toEqual({ message: null, node: null });
  });
});
