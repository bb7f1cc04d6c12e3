import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { onPostgres } from './support/database.js';
import { startTestServer, subscribe, type TestServer } from './support/server.js';

// Two instances of one deployment need a database both can open (PostgreSQL) and Redis between them.
const redisUrl = process.env.TEST_REDIS_URL;
const runs = onPostgres && Boolean(redisUrl);

const Send = graphql(`
  mutation SendOnA($input: SendInput!) {
    send(input: $input) { message { id } userErrors { code } }
  }
`);

const Revoke = graphql(`
  mutation RevokeOnA($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) { userErrors { code } }
  }
`);

const Viewer = graphql(`
  query ViewerOnB {
    viewer { account { name } }
  }
`);

let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  if (!runs) return;
  // B re-checks sockets only every minute: what closes them sooner came through Redis.
  a = await startTestServer({ redisUrl, socketRecheckMs: 60_000 });
  b = await startTestServer({ redisUrl, socketRecheckMs: 60_000, sharedDatabase: a.database });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe.skipIf(!runs)('two instances sharing Redis', () => {
  it('a subscriber on one instance sees QUEUED → SENT → DELIVERED of a message sent through the other', async () => {
    const account = await a.createAccount();
    const { client } = b.ws({ apiKey: account.key });
    const watch = subscribe<{ messageStatusChanged: { status: string } }>(client, 'subscription { messageStatusChanged { status } }');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await a.graphql(Send, { input: { to: '+40712345678', body: 'across instances' } }, { key: account.key });
    const results = await watch.waitFor(3);
    expect(results.map((r) => r.data!.messageStatusChanged.status)).toEqual(['QUEUED', 'SENT', 'DELIVERED']);
    watch.dispose();
  });

  it('a key revoked on one instance is refused by the other at once, over HTTP and on its sockets', async () => {
    const account = await a.createAccount();
    const { key, apiKey } = await a.createKey(account.account.id, ['messages:read']);
    // B has just read the key, so it is in B's short auth cache.
    expect((await b.graphql(Viewer, {}, { key })).status).toBe(200);
    const socket = b.ws({ apiKey: key });
    const watch = subscribe(socket.client, 'subscription { messageStatusChanged { status } }');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const revoked = await a.graphql(Revoke, { input: { id: encodeGlobalID('ApiKey', apiKey.id) } }, { key: account.key });
    expect(revoked.body.data!.revokeApiKey!.userErrors).toEqual([]);
    const closed = await Promise.race([socket.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_500))]);
    expect(closed?.code).toBe(4403);
    expect((await b.graphql(Viewer, {}, { key })).status).toBe(401);
    watch.dispose();
  });
});
