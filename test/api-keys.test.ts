import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import type { ApiKeysQuery } from './gql/graphql.js';
import { DAY, HOUR, MINUTE } from './support/clock.js';
import { startTestServer, type TestServer } from './support/server.js';

const CreateApiKey = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      apiKey { id name prefix scopes status createdAt expiresAt lastUsedAt revokedAt }
      secret
      userErrors { field message code }
    }
  }
`);

const RotateApiKey = graphql(`
  mutation RotateApiKey($input: RotateApiKeyInput!) {
    rotateApiKey(input: $input) {
      apiKey { id name scopes status }
      secret
      rotatedApiKey { id status gracePeriodEndsAt replacedBy { id } }
      userErrors { field message code }
    }
  }
`);

const RevokeApiKey = graphql(`
  mutation RevokeApiKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) {
      apiKey { id status revokedAt }
      userErrors { field message code }
    }
  }
`);

const ApiKeys = graphql(`
  query ApiKeys($first: Int, $after: String, $last: Int, $before: String) {
    viewer {
      account {
        apiKeys(first: $first, after: $after, last: $last, before: $before) {
          totalCount
          edges { cursor node { id name } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }
    }
  }
`);

const Me = graphql(`
  query Me {
    viewer { apiKey { id status lastUsedAt } }
  }
`);

type ApiKeyPage = NonNullable<NonNullable<ApiKeysQuery['viewer']>['account']['apiKeys']>;

let server: TestServer;
let admin: Awaited<ReturnType<TestServer['createAccount']>>;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.createAccount();
});
afterAll(() => server?.close());

const create = (input: { name: string; scopes: Array<'MESSAGES_READ' | 'MESSAGES_SEND' | 'KEYS_MANAGE' | 'PROVIDERS_MANAGE'>; expiresInDays?: number }, key = admin.key) =>
  server.graphql(CreateApiKey, { input }, { key });

describe('createApiKey', () => {
  it('returns the secret once, and the new key authenticates with exactly its scopes', async () => {
    const { body } = await create({ name: 'CRM', scopes: ['MESSAGES_READ'] });
    const payload = body.data!.createApiKey!;
    expect(payload.userErrors).toEqual([]);
    expect(payload.secret).toMatch(/^sb_[0-9A-Za-z]{38}$/);
    expect(payload.apiKey).toMatchObject({ name: 'CRM', scopes: ['MESSAGES_READ'], status: 'ACTIVE', lastUsedAt: null, revokedAt: null });
    expect(payload.secret!.startsWith(payload.apiKey!.prefix)).toBe(true);
    const days = (Date.parse(payload.apiKey!.expiresAt) - Date.parse(payload.apiKey!.createdAt)) / DAY;
    expect(Math.round(days)).toBe(90);

    const me = await server.graphql(Me, {}, { key: payload.secret! });
    expect(me.body.data!.viewer!.apiKey.id).toBe(payload.apiKey!.id);
    const listed = await server.graphql(ApiKeys, { first: 1 }, { key: payload.secret! });
    expect(listed.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(listed.body.errors?.[0]?.message).toContain('"keys:manage"');
  });

  it('accepts expiresInDays 1 and 365', async () => {
    for (const expiresInDays of [1, 365]) {
      const { body } = await create({ name: `expires in ${expiresInDays}`, scopes: ['MESSAGES_READ'], expiresInDays });
      const { apiKey, userErrors } = body.data!.createApiKey!;
      expect(userErrors).toEqual([]);
      expect(Math.round((Date.parse(apiKey!.expiresAt) - Date.parse(apiKey!.createdAt)) / DAY)).toBe(expiresInDays);
    }
  });

  it('refuses expiresInDays 0 and 366 with a user error on the field, creating nothing', async () => {
    const before = await server.graphql(ApiKeys, { first: 1 }, { key: admin.key });
    for (const expiresInDays of [0, 366]) {
      const { body } = await create({ name: 'too long', scopes: ['MESSAGES_READ'], expiresInDays });
      expect(body.data!.createApiKey).toEqual({
        apiKey: null,
        secret: null,
        userErrors: [{ field: ['input', 'expiresInDays'], code: 'OUT_OF_RANGE', message: 'must be between 1 and 365 days' }],
      });
    }
    const after = await server.graphql(ApiKeys, { first: 1 }, { key: admin.key });
    expect(after.body.data!.viewer!.account.apiKeys!.totalCount).toBe(before.body.data!.viewer!.account.apiKeys!.totalCount);
  });

  it('refuses a blank name and an empty scope list, naming each field', async () => {
    const { body } = await create({ name: '   ', scopes: [] });
    expect(body.data!.createApiKey!.userErrors).toEqual([
      { field: ['input', 'name'], code: 'BLANK', message: 'must not be blank' },
      { field: ['input', 'scopes'], code: 'INVALID_VALUE', message: 'must list at least one scope' },
    ]);
  });

  it('refuses to grant a scope the calling key does not hold', async () => {
    const limited = await server.createKey(admin.account.id, ['keys:manage', 'messages:read']);
    const { body } = await create({ name: 'escalation', scopes: ['MESSAGES_SEND'] }, limited.key);
    expect(body.data!.createApiKey!.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'scopes'], code: 'SCOPE_NOT_HELD', message: expect.stringContaining('"messages:send"') }),
    ]);
  });

  it('is FORBIDDEN, naming keys:manage, for a key without that scope', async () => {
    const reader = await server.createKey(admin.account.id, ['messages:read']);
    const { body } = await create({ name: 'x', scopes: ['MESSAGES_READ'] }, reader.key);
    expect(body.data?.createApiKey).toBeNull();
    expect(body.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN', requiredScopes: ['keys:manage'] } });
  });
});

describe('rotateApiKey', () => {
  it('issues a replacement; the old key works inside the grace period and is rejected after it', async () => {
    const { body: created } = await create({ name: 'deploy', scopes: ['MESSAGES_READ', 'MESSAGES_SEND'] });
    const old = created.data!.createApiKey!;
    const { body } = await server.graphql(RotateApiKey, { input: { id: old.apiKey!.id, gracePeriodHours: 2 } }, { key: admin.key });
    const rotated = body.data!.rotateApiKey!;
    expect(rotated.userErrors).toEqual([]);
    expect(rotated.apiKey).toMatchObject({ name: 'deploy', scopes: ['MESSAGES_READ', 'MESSAGES_SEND'], status: 'ACTIVE' });
    expect(rotated.secret).not.toBe(old.secret);
    expect(rotated.rotatedApiKey).toMatchObject({ id: old.apiKey!.id, status: 'ROTATING', replacedBy: { id: rotated.apiKey!.id } });

    server.clock.advance(2 * HOUR - MINUTE);
    expect((await server.graphql(Me, {}, { key: old.secret! })).status).toBe(200);
    server.clock.advance(2 * MINUTE);
    const rejected = await server.graphql(Me, {}, { key: old.secret! });
    expect(rejected.status).toBe(401);
    expect(rejected.body.errors![0]!.message).toMatch(/revoked/);
    expect((await server.graphql(Me, {}, { key: rotated.secret! })).body.data!.viewer!.apiKey.status).toBe('ACTIVE');
  });

  it('with gracePeriodHours 0 rejects the old key at once', async () => {
    const old = (await create({ name: 'now', scopes: ['MESSAGES_READ'] })).body.data!.createApiKey!;
    await server.graphql(RotateApiKey, { input: { id: old.apiKey!.id, gracePeriodHours: 0 } }, { key: admin.key });
    expect((await server.graphql(Me, {}, { key: old.secret! })).status).toBe(401);
  });

  it('refuses a grace period outside 0..168 hours, and a second rotation of the same key', async () => {
    const old = (await create({ name: 'twice', scopes: ['MESSAGES_READ'] })).body.data!.createApiKey!;
    const tooLong = await server.graphql(RotateApiKey, { input: { id: old.apiKey!.id, gracePeriodHours: 169 } }, { key: admin.key });
    expect(tooLong.body.data!.rotateApiKey!.userErrors).toEqual([
      { field: ['input', 'gracePeriodHours'], code: 'OUT_OF_RANGE', message: 'must be between 0 and 168 hours' },
    ]);
    const first = await server.graphql(RotateApiKey, { input: { id: old.apiKey!.id } }, { key: admin.key });
    expect(first.body.data!.rotateApiKey!.userErrors).toEqual([]);
    const second = await server.graphql(RotateApiKey, { input: { id: old.apiKey!.id } }, { key: admin.key });
    expect(second.body.data!.rotateApiKey!.userErrors[0]).toMatchObject({ field: ['input', 'id'], code: 'KEY_ALREADY_ROTATED' });
  });

  it('refuses an unknown ID, a malformed ID, and a key of another account', async () => {
    const other = await server.createAccount();
    const cases = [
      { id: other.apiKey.id, code: 'NOT_FOUND' },
      { id: 'not-an-id', code: 'INVALID_ID' },
      { id: Buffer.from('Account:00000000-0000-7000-8000-000000000000').toString('base64'), code: 'INVALID_ID' },
    ];
    const otherGlobalId = Buffer.from(`ApiKey:${other.apiKey.id}`).toString('base64');
    cases[0]!.id = otherGlobalId;
    for (const { id, code } of cases) {
      const { body } = await server.graphql(RotateApiKey, { input: { id } }, { key: admin.key });
      expect(body.data!.rotateApiKey).toMatchObject({ apiKey: null, secret: null, userErrors: [{ field: ['input', 'id'], code }] });
    }
    expect((await server.graphql(Me, {}, { key: other.key })).status).toBe(200);
  });
});

describe('revokeApiKey', () => {
  it('rejects the key on its very next request, and revoking again changes nothing', async () => {
    const victim = (await create({ name: 'leaked', scopes: ['MESSAGES_READ'] })).body.data!.createApiKey!;
    expect((await server.graphql(Me, {}, { key: victim.secret! })).status).toBe(200);
    const { body } = await server.graphql(RevokeApiKey, { input: { id: victim.apiKey!.id } }, { key: admin.key });
    expect(body.data!.revokeApiKey!.userErrors).toEqual([]);
    expect(body.data!.revokeApiKey!.apiKey).toMatchObject({ status: 'REVOKED', revokedAt: expect.any(String) });
    const rejected = await server.graphql(Me, {}, { key: victim.secret! });
    expect(rejected.status).toBe(401);
    expect(rejected.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');

    const again = await server.graphql(RevokeApiKey, { input: { id: victim.apiKey!.id } }, { key: admin.key });
    expect(again.body.data!.revokeApiKey!.apiKey!.revokedAt).toBe(body.data!.revokeApiKey!.apiKey!.revokedAt);
  });

  it('refuses an unknown ID with NOT_FOUND', async () => {
    const id = Buffer.from('ApiKey:00000000-0000-7000-8000-000000000000').toString('base64');
    const { body } = await server.graphql(RevokeApiKey, { input: { id } }, { key: admin.key });
    expect(body.data!.revokeApiKey).toMatchObject({ apiKey: null, userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND' }] });
  });
});

describe('apiKeys connection', () => {
  it('pages forwards and backwards with no key skipped or repeated, counting only when asked', async () => {
    const { account, key } = await server.createAccount();
    for (let i = 0; i < 4; i++) await server.createKey(account.id, ['messages:read']);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { body } = await server.graphql(ApiKeys, { first: 2, after }, { key });
      const page: ApiKeyPage = body.data!.viewer!.account.apiKeys!;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e) => e.node.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);

    const last = await server.graphql(ApiKeys, { last: 2 }, { key });
    const lastPage = last.body.data!.viewer!.account.apiKeys!;
    expect(lastPage.edges.map((e) => e.node.id)).toEqual(seen.slice(3));
    expect(lastPage.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await server.graphql(ApiKeys, { last: 3, before: lastPage.pageInfo.startCursor }, { key });
    expect(before.body.data!.viewer!.account.apiKeys!.edges.map((e) => e.node.id)).toEqual(seen.slice(0, 3));
  });

  it('refuses a page size outside 1..100, a missing size, and a forged cursor, naming the argument', async () => {
    for (const [args, argument] of [
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ last: 500 }, 'last'],
      [{}, 'first'],
      [{ first: 1, after: 'bm90LWEtY3Vyc29y' }, 'after'],
    ] as const) {
      const { body } = await server.graphql(ApiKeys, args, { key: admin.key });
      expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(body.errors![0]!.message).toMatch(new RegExp(`^${argument}:`));
    }
  });
});

describe('lastUsedAt', () => {
  it('is kept to the minute without a write on every request', async () => {
    const { key } = await server.createAccount();
    const first = (await server.graphql(Me, {}, { key })).body.data!.viewer!.apiKey.lastUsedAt!;
    expect(first).not.toBeNull();
    server.clock.advance(30_000);
    expect((await server.graphql(Me, {}, { key })).body.data!.viewer!.apiKey.lastUsedAt).toBe(first);
    server.clock.advance(31_000);
    const later = (await server.graphql(Me, {}, { key })).body.data!.viewer!.apiKey.lastUsedAt!;
    expect(Date.parse(later) - Date.parse(first)).toBeGreaterThanOrEqual(MINUTE);
  });
});
