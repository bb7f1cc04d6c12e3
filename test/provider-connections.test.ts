import { encodeGlobalID } from '@pothos/plugin-relay';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { providerConnections } from '../src/db/schema.js';
import { openCredentials } from '../src/domain/providers/secrets.js';
import { graphql } from './gql/index.js';
import type { ConnectProviderInput } from './gql/graphql.js';
import { startTestServer, type TestServer } from './support/server.js';

const Connect = graphql(`
  mutation Connect($input: ConnectProviderInput!) {
    connectProvider(input: $input) {
      provider {
        id kind label priority enabled baseUrl credentialFields options webhookUrl
        capabilities { maxBatchSize nativeScheduling nativeCancel statusDelivery requestsPerSecond }
      }
      userErrors { field message code }
    }
  }
`);

const Update = graphql(`
  mutation Update($input: UpdateProviderConnectionInput!) {
    updateProviderConnection(input: $input) {
      provider { id label priority enabled baseUrl credentialFields options capabilities { requestsPerSecond } }
      userErrors { field message code }
    }
  }
`);

const Disconnect = graphql(`
  mutation Disconnect($input: DisconnectProviderInput!) {
    disconnectProvider(input: $input) { provider { id enabled } userErrors { field message code } }
  }
`);

const Providers = graphql(`
  query Providers {
    viewer { account { providers { id kind label priority } } }
  }
`);

const SendVia = graphql(`
  mutation SendVia($input: SendInput!) {
    send(input: $input) { message { id provider { id label } } userErrors { field message code } }
  }
`);

const LIGHTNING = { apiKey: 'lm-key-7f3a', secretCode: 'lm-secret-91bc', webhookHeaders: { 'X-Hook-Token': 'hook-token-55d1' } };

let server: TestServer;
let admin: Awaited<ReturnType<TestServer['createAccount']>>;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.createAccount();
});
afterAll(() => server?.close());

const connect = (input: ConnectProviderInput, key = admin.key) => server.graphql(Connect, { input }, { key });
const apiKeyId = () => encodeGlobalID('ApiKey', admin.apiKey.id);

describe('connectProvider', () => {
  it('connects a provider, shows which credential fields are set, and never their values', async () => {
    const { body } = await connect({ kind: 'LIGHTNINGMSG', label: 'Lightning', credentials: LIGHTNING, priority: 10 });
    const { provider, userErrors } = body.data!.connectProvider!;
    expect(userErrors).toEqual([]);
    expect(provider).toMatchObject({
      kind: 'LIGHTNINGMSG',
      label: 'Lightning',
      priority: 10,
      enabled: true,
      baseUrl: 'https://www.lightningmsg.com/api/v1/sms_services/sms/',
      credentialFields: ['apiKey', 'secretCode', 'webhookHeaders'],
      options: { timeZone: 'UTC' },
      capabilities: { nativeScheduling: true, nativeCancel: true, statusDelivery: 'PUSH' },
    });
    expect(provider!.webhookUrl).toMatch(new RegExp(`^${server.url}/webhooks/lightningmsg/[0-9a-f-]{36}$`));
    const text = JSON.stringify(body);
    for (const secret of ['lm-key-7f3a', 'lm-secret-91bc', 'hook-token-55d1']) expect(text).not.toContain(secret);
  });

  it('stores the credentials sealed, as the provider’s rules read them (trimmed)', async () => {
    const { body } = await connect({ kind: 'SMSPROVIDER', label: 'Sealed', credentials: { apiKey: '  sp-plain-key-123 ', webhookSecret: 'sp-plain-secret-456' } });
    const rows = await server.database.db.select().from(providerConnections).where(eq(providerConnections.label, 'Sealed'));
    expect(body.data!.connectProvider!.userErrors).toEqual([]);
    expect(rows[0]!.credentialsSealed).toMatch(/^v1:/);
    expect(JSON.stringify(rows[0])).not.toContain('sp-plain-key-123');
    expect(JSON.stringify(rows[0])).not.toContain('sp-plain-secret-456');
    const key = loadConfig({ NODE_ENV: 'test' }).credentialsKey.key;
    expect(openCredentials(key, rows[0]!.id, rows[0]!.credentialsSealed!)).toEqual({ apiKey: 'sp-plain-key-123', webhookSecret: 'sp-plain-secret-456' });
  });

  it('names each missing, mistyped or unknown credential field', async () => {
    const { body } = await connect({ kind: 'LIGHTNINGMSG', label: 'Bad', credentials: { apiKey: 42, webhookHeaders: {}, extra: 'x' } });
    const errors = body.data!.connectProvider!.userErrors;
    expect(body.data!.connectProvider!.provider).toBeNull();
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: ['input', 'credentials', 'apiKey'], code: 'INVALID_VALUE' }),
        expect.objectContaining({ field: ['input', 'credentials', 'secretCode'], code: 'REQUIRED', message: 'is required' }),
        expect.objectContaining({ field: ['input', 'credentials', 'extra'], code: 'UNKNOWN_FIELD' }),
      ]),
    );
    expect(errors.some((e) => e.field.join('.').startsWith('input.credentials.webhookHeaders'))).toBe(true);
  });

  it('requires a base URL for BrandSMS, which documents none, and checks options', async () => {
    const { body } = await connect({ kind: 'BRANDSMS', label: 'Brand', credentials: { key: 'k', brandId: 'b', callbackKey: 'c' }, options: { timeZone: 'Mars/Olympus' } });
    const errors = body.data!.connectProvider!.userErrors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: ['input', 'baseUrl'], code: 'REQUIRED' }),
        expect.objectContaining({ field: ['input', 'options', 'timeZone'] }),
      ]),
    );
  });

  it('refuses a blank label, an out-of-range priority and a base URL that is not http(s)', async () => {
    const { body } = await connect({ kind: 'SMSPROVIDER', label: ' ', priority: -1, baseUrl: 'ftp://x', credentials: { apiKey: 'a', webhookSecret: 'b' } });
    expect(body.data!.connectProvider!.userErrors.map((e) => e.field.join('.')).sort()).toEqual(['input.baseUrl', 'input.label', 'input.priority']);
  });

  it('refuses calling codes that are not 1 to 3 digits, naming the item', async () => {
    const { body } = await connect({ kind: 'SMSPROVIDER', label: 'Codes', countryCodes: ['370', '+40'], credentials: { apiKey: 'a', webhookSecret: 'b' } });
    expect(body.data!.connectProvider!.userErrors).toEqual([expect.objectContaining({ field: ['input', 'countryCodes', '1'], code: 'INVALID_VALUE' })]);
  });

  it('stops at 50 connections an account', async () => {
    const crowded = await server.createAccount();
    for (let i = 1; i < 50; i += 1) {
      const made = await connect({ kind: 'SMSPROVIDER', label: `C${i}`, credentials: { apiKey: 'a', webhookSecret: 'b' } }, crowded.key);
      expect(made.body.data!.connectProvider!.userErrors).toEqual([]);
    }
    const { body } = await connect({ kind: 'SMSPROVIDER', label: 'One too many', credentials: { apiKey: 'a', webhookSecret: 'b' } }, crowded.key);
    expect(body.data!.connectProvider!.userErrors).toEqual([expect.objectContaining({ code: 'LIMIT_REACHED' })]);
  });

  it('needs providers:manage', async () => {
    const { key } = await server.createKey(admin.account.id, ['messages:send']);
    const { body } = await connect({ kind: 'SMSPROVIDER', label: 'Nope', credentials: { apiKey: 'a', webhookSecret: 'b' } }, key);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists connections in the order sends try them, the sandbox last', async () => {
    const { body } = await server.graphql(Providers, {}, { key: admin.key });
    const providers = body.data!.viewer!.account.providers;
    expect(providers[0]).toMatchObject({ label: 'Lightning', priority: 10 });
    expect(providers.at(-1)).toMatchObject({ kind: 'SANDBOX', priority: 1000 });
  });
});

describe('updateProviderConnection and disconnectProvider', () => {
  it('merges credential fields, resets the base URL with null, and leaves the rest', async () => {
    const made = (await connect({ kind: 'SMSPROVIDER', label: 'Upd', baseUrl: 'http://127.0.0.1:9/v1', credentials: { apiKey: 'a', webhookSecret: 'b' } })).body.data!.connectProvider!.provider!;
    const { body } = await server.graphql(Update, { input: { id: made.id, label: 'Renamed', credentials: { apiKey: 'new-key' }, baseUrl: null, options: { requestsPerSecond: 50 } } }, { key: admin.key });
    expect(body.data!.updateProviderConnection!).toMatchObject({
      userErrors: [],
      provider: {
        label: 'Renamed',
        baseUrl: 'https://api.smsprovider.com/v1',
        credentialFields: ['apiKey', 'webhookSecret'],
        options: { requestsPerSecond: 50 },
        capabilities: { requestsPerSecond: 50 },
      },
    });
  });

  it('refuses credentials that would no longer be complete, and IDs that are not connections', async () => {
    const made = (await connect({ kind: 'SMSPROVIDER', label: 'Upd2', credentials: { apiKey: 'a', webhookSecret: 'b' } })).body.data!.connectProvider!.provider!;
    const removed = await server.graphql(Update, { input: { id: made.id, credentials: { webhookSecret: null } } }, { key: admin.key });
    expect(removed.body.data!.updateProviderConnection!.userErrors).toEqual([expect.objectContaining({ field: ['input', 'credentials', 'webhookSecret'], code: 'REQUIRED' })]);
    const wrong = await server.graphql(Update, { input: { id: apiKeyId(), label: 'x' } }, { key: admin.key });
    expect(wrong.body.data!.updateProviderConnection!.userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'INVALID_ID' })]);
  });

  it('disconnects: gone from the list, and a second disconnect finds nothing', async () => {
    const made = (await connect({ kind: 'SMSPROVIDER', label: 'Gone', credentials: { apiKey: 'a', webhookSecret: 'b' } })).body.data!.connectProvider!.provider!;
    const first = await server.graphql(Disconnect, { input: { id: made.id } }, { key: admin.key });
    expect(first.body.data!.disconnectProvider).toMatchObject({ provider: { enabled: false }, userErrors: [] });
    const list = await server.graphql(Providers, {}, { key: admin.key });
    expect(list.body.data!.viewer!.account.providers.map((p) => p.id)).not.toContain(made.id);
    const second = await server.graphql(Disconnect, { input: { id: made.id } }, { key: admin.key });
    expect(second.body.data!.disconnectProvider!.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
  });

  it('does not touch another account’s connection', async () => {
    const other = await server.createAccount();
    const theirs = (await connect({ kind: 'SMSPROVIDER', label: 'Theirs', credentials: { apiKey: 'a', webhookSecret: 'b' } }, other.key)).body.data!.connectProvider!.provider!;
    const { body } = await server.graphql(Disconnect, { input: { id: theirs.id } }, { key: admin.key });
    expect(body.data!.disconnectProvider!.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
  });
});

describe('send with providerId', () => {
  it('goes through the named connection', async () => {
    const sandbox = (await server.graphql(Providers, {}, { key: admin.key })).body.data!.viewer!.account.providers.at(-1)!;
    const { body } = await server.graphql(SendVia, { input: { to: '+40712345678', body: 'hi', providerId: sandbox.id } }, { key: admin.key });
    expect(body.data!.send!.message!.provider).toEqual({ id: sandbox.id, label: 'Sandbox' });
  });

  it('refuses a disabled connection, an unknown one and an ID of another type, and sends nothing', async () => {
    const made = (await connect({ kind: 'SMSPROVIDER', label: 'Off', enabled: false, credentials: { apiKey: 'a', webhookSecret: 'b' } })).body.data!.connectProvider!.provider!;
    const disabled = await server.graphql(SendVia, { input: { to: '+40712345678', body: 'hi', providerId: made.id } }, { key: admin.key });
    expect(disabled.body.data!.send).toMatchObject({ message: null, userErrors: [{ field: ['input', 'providerId'], code: 'PROVIDER_DISABLED' }] });
    const other = await server.createAccount();
    const theirs = (await connect({ kind: 'SMSPROVIDER', label: 'X', credentials: { apiKey: 'a', webhookSecret: 'b' } }, other.key)).body.data!.connectProvider!.provider!;
    const unknown = await server.graphql(SendVia, { input: { to: '+40712345678', body: 'hi', providerId: theirs.id } }, { key: admin.key });
    expect(unknown.body.data!.send!.userErrors).toEqual([expect.objectContaining({ field: ['input', 'providerId'], code: 'NOT_FOUND' })]);
    const wrongType = await server.graphql(SendVia, { input: { to: '+40712345678', body: 'hi', providerId: apiKeyId() } }, { key: admin.key });
    expect(wrongType.body.data!.send!.userErrors).toEqual([expect.objectContaining({ field: ['input', 'providerId'], code: 'INVALID_ID' })]);
  });
});
