import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { startTestServer, subscribe, type TestServer } from './support/server.js';

const SendBulk = graphql(`
  mutation SendBulk($input: SendBulkInput!) {
    sendBulk(input: $input) {
      bulk { id total accepted rejected status counts { queued sent delivered scheduled cancelled } messages(first: 100) { totalCount edges { node { to body scheduledAt bulk { id } } } } }
      userErrors { field message code }
    }
  }
`);

const Cancel = graphql(`
  mutation Cancel($input: CancelInput!) {
    cancel(input: $input) {
      messages { id status cancelledAt }
      userErrors { field message code }
    }
  }
`);

const SendOne = graphql(`
  mutation SendOne($input: SendInput!) {
    send(input: $input) { message { id status } userErrors { code } }
  }
`);

const Bulk = graphql(`
  query Bulk($id: ID!) {
    bulkSend(id: $id) { status counts { delivered cancelled scheduled } }
  }
`);

let server: TestServer;
let admin: Awaited<ReturnType<TestServer['createAccount']>>;

beforeAll(async () => {
  server = await startTestServer({ sandboxDeliveryDelayMs: 100 });
  admin = await server.createAccount();
});
afterAll(() => server?.close());

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('sendBulk', () => {
  it('accepts the valid items, reports invalid ones by index, and applies top-level defaults', async () => {
    const { body } = await server.graphql(
      SendBulk,
      {
        input: {
          body: 'default body',
          messages: [{ to: '+40712345601' }, { to: 'nope' }, { to: '+40712345602', body: 'own body' }, { to: '+40712345603', body: 'x'.repeat(1601) }],
        },
      },
      { key: admin.key },
    );
    const { bulk, userErrors } = body.data!.sendBulk!;
    expect(userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'messages', '1', 'to'], code: 'INVALID_PHONE_NUMBER' }),
      expect.objectContaining({ field: ['input', 'messages', '3', 'body'], code: 'MESSAGE_TOO_LONG' }),
    ]);
    expect(bulk).toMatchObject({ total: 4, accepted: 2, rejected: 2 });
    expect(bulk!.messages.totalCount).toBe(2);
    expect(bulk!.messages.edges.map((e) => [e.node.to, e.node.body, e.node.bulk!.id])).toEqual([
      ['+40712345601', 'default body', bulk!.id],
      ['+40712345602', 'own body', bulk!.id],
    ]);
    const filtered = await server.graphql(
      'query($bulkId: ID!) { viewer { account { messages(first: 10, filter: { bulkId: $bulkId }) { totalCount } } } }',
      { bulkId: bulk!.id },
      { key: admin.key },
    );
    expect(filtered.body.data).toEqual({ viewer: { account: { messages: { totalCount: 2 } } } });
    await expect.poll(async () => (await server.graphql(Bulk, { id: bulk!.id }, { key: admin.key })).body.data!.bulkSend, { timeout: 5000 }).toMatchObject({
      status: 'COMPLETED',
      counts: { delivered: 2 },
    });
  });

  it('with allOrNothing accepts nothing when one item is invalid', async () => {
    const { body } = await server.graphql(
      SendBulk,
      { input: { body: 'x', allOrNothing: true, messages: [{ to: '+40712345601' }, { to: '123' }] } },
      { key: admin.key },
    );
    expect(body.data!.sendBulk).toEqual({ bulk: null, userErrors: [expect.objectContaining({ field: ['input', 'messages', '1', 'to'] })] });
  });

  it('refuses an empty list and items without any body', async () => {
    const empty = await server.graphql(SendBulk, { input: { body: 'x', messages: [] } }, { key: admin.key });
    expect(empty.body.data!.sendBulk!.userErrors).toEqual([expect.objectContaining({ field: ['input', 'messages'], message: 'must have 1 to 10000 messages' })]);
    const bodiless = await server.graphql(SendBulk, { input: { messages: [{ to: '+40712345601' }] } }, { key: admin.key });
    expect(bodiless.body.data!.sendBulk).toMatchObject({ bulk: { accepted: 0 }, userErrors: [{ field: ['input', 'messages', '0', 'body'], code: 'BLANK' }] });
  });

  it('reports progress over bulkProgress until every message is delivered', async () => {
    const { client } = server.ws({ apiKey: admin.key });
    const { body } = await server.graphql(SendBulk, { input: { body: 'progress', sendAt: new Date(Date.now() + 800).toISOString(), messages: [{ to: '+40712345611' }, { to: '+40712345612' }] } }, { key: admin.key });
    const id = body.data!.sendBulk!.bulk!.id;
    const sub = subscribe<{ bulkProgress: { status: string; counts: { delivered: number } } }>(client, 'subscription($id: ID!) { bulkProgress(id: $id) { status counts { delivered } } }', { id });
    await expect.poll(() => sub.results.at(-1)?.data?.bulkProgress, { timeout: 6000 }).toEqual({ status: 'COMPLETED', counts: { delivered: 2 } });
    sub.dispose();
  });
});

describe('cancel', () => {
  it('cancels a scheduled message, which then never leaves', async () => {
    const { body } = await server.graphql(SendOne, { input: { to: '+40712345621', body: 'later', sendAt: inAnHour() } }, { key: admin.key });
    const id = body.data!.send!.message!.id;
    const cancelled = await server.graphql(Cancel, { input: { id } }, { key: admin.key });
    expect(cancelled.body.data!.cancel).toMatchObject({ userErrors: [], messages: [{ id, status: 'CANCELLED', cancelledAt: expect.any(String) }] });
    const again = await server.graphql(Cancel, { input: { id } }, { key: admin.key });
    expect(again.body.data!.cancel!.userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'NOT_CANCELLABLE', message: expect.stringContaining('is CANCELLED') })]);
  });

  it('refuses to cancel a message already SENT, saying its status', async () => {
    const { body } = await server.graphql(SendOne, { input: { to: '+447700900003', body: 'never receipted' } }, { key: admin.key });
    const id = body.data!.send!.message!.id;
    await expect
      .poll(async () => (await server.graphql('query($id: ID!) { message(id: $id) { status } }', { id }, { key: admin.key })).body.data, { timeout: 5000 })
      .toEqual({ message: { status: 'SENT' } });
    const { body: refused } = await server.graphql(Cancel, { input: { id } }, { key: admin.key });
    expect(refused.data!.cancel).toEqual({
      messages: [],
      userErrors: [{ field: ['input', 'id'], code: 'NOT_CANCELLABLE', message: 'is SENT: only a SCHEDULED or QUEUED message not yet handed to a provider can be cancelled' }],
    });
  });

  it('cancels every scheduled message of a bulk send', async () => {
    const { body } = await server.graphql(SendBulk, { input: { body: 'b', sendAt: inAnHour(), messages: [{ to: '+40712345631' }, { to: '+40712345632' }] } }, { key: admin.key });
    const bulkId = body.data!.sendBulk!.bulk!.id;
    const { body: cancelled } = await server.graphql(Cancel, { input: { bulkId } }, { key: admin.key });
    expect(cancelled.data!.cancel!.messages).toHaveLength(2);
    expect((await server.graphql(Bulk, { id: bulkId }, { key: admin.key })).body.data!.bulkSend!.counts).toEqual({ delivered: 0, cancelled: 2, scheduled: 0 });
  });

  it('refuses both or neither of id and bulkId, a malformed ID, and another account’s message', async () => {
    const other = await server.createAccount();
    const theirs = (await server.graphql(SendOne, { input: { to: '+40712345641', body: 'x', sendAt: inAnHour() } }, { key: other.key })).body.data!.send!.message!.id;
    const cases = [
      [{}, ['input'], 'INVALID_VALUE'],
      [{ id: 'bogus' }, ['input', 'id'], 'INVALID_ID'],
      [{ id: theirs }, ['input', 'id'], 'NOT_FOUND'],
    ] as const;
    for (const [input, field, code] of cases) {
      const { body } = await server.graphql(Cancel, { input }, { key: admin.key });
      expect(body.data!.cancel!.userErrors).toEqual([expect.objectContaining({ field, code })]);
    }
  });
});
