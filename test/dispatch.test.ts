import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../src/dispatch/backoff.js';
import { claimDueMessages } from '../src/domain/messages/store.js';
import { graphql } from './gql/index.js';
import { startTestServer, type TestServer } from './support/server.js';

const SendLater = graphql(`
  mutation SendLater($input: SendInput!) {
    send(input: $input) { message { id } userErrors { code } }
  }
`);

const Delivery = graphql(`
  query Delivery($id: ID!) {
    message(id: $id) { status sentAt events { status } }
  }
`);

let server: TestServer;
let admin: Awaited<ReturnType<TestServer['createAccount']>>;

beforeAll(async () => {
  server = await startTestServer({ sandboxDeliveryDelayMs: 50 });
  admin = await server.createAccount();
});
afterAll(() => server?.close());

describe('dispatcher', () => {
  it('re-claims the rows of a dispatcher that died mid-batch once its lease runs out, and sends each once', async () => {
    const sendAt = new Date(Date.now() + 1000);
    const ids: string[] = [];
    for (const to of ['+40712345651', '+40712345652']) {
      const { body } = await server.graphql(SendLater, { input: { to, body: 'survives a crash', sendAt: sendAt.toISOString() } }, { key: admin.key });
      ids.push(body.data!.send!.message!.id);
    }
    // Another instance claims both as they fall due, then dies without recording anything.
    const leaseMs = 1500;
    const claimed = await claimDueMessages(server.database.db, new Date(sendAt.getTime() + 1), 100, leaseMs);
    expect(claimed.map((m) => m.to).sort()).toEqual(['+40712345651', '+40712345652']);
    const leaseEnds = sendAt.getTime() + 1 + leaseMs;

    for (const id of ids) {
      await expect
        .poll(async () => (await server.graphql(Delivery, { id }, { key: admin.key })).body.data!.message!.status, { timeout: 8000, interval: 100 })
        .toBe('DELIVERED');
      const { message } = (await server.graphql(Delivery, { id }, { key: admin.key })).body.data!;
      expect(message!.events.map((e) => e.status)).toEqual(['SCHEDULED', 'QUEUED', 'SENT', 'DELIVERED']);
      expect(Date.parse(message!.sentAt!)).toBeGreaterThanOrEqual(leaseEnds);
    }
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter and stays under its ceiling', () => {
    expect(backoffDelayMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelayMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelayMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffDelayMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('a delivery report faster than the hand-over', () => {
  it('is applied once the hand-over is recorded (a sandbox that reports at once)', async () => {
    const instant = await startTestServer({ sandboxDeliveryDelayMs: 0 });
    try {
      const account = await instant.createAccount();
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const { body } = await instant.graphql(SendLater, { input: { to: `+4071234566${i}`, body: 'instant' } }, { key: account.key });
        ids.push(body.data!.send!.message!.id);
      }
      const deadline = Date.now() + 5_000;
      let statuses: string[] = [];
      while (Date.now() < deadline) {
        statuses = await Promise.all(ids.map(async (id) => (await instant.graphql(Delivery, { id }, { key: account.key })).body.data!.message!.status));
        if (statuses.every((status) => status === 'DELIVERED')) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(statuses).toEqual(Array(5).fill('DELIVERED'));
    } finally {
      await instant.close();
    }
  });
});
