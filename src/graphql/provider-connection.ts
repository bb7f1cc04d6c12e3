import { findConnectionsByIds, listConnections } from '../domain/providers/store.js';
import { isUuid } from '../db/ids.js';
import type { ProviderConnectionRow } from '../db/schema.js';
import type { ProviderCapabilities } from '../providers/adapter.js';
import { providerDefinition, type ProviderKind as Kind } from '../providers/registry.js';
import { AccountRef } from './account.js';
import { builder } from './builder.js';

export const ProviderKind = builder.enumType('ProviderKind', {
  description: 'Which SMS provider a connection speaks to.',
  values: {
    SANDBOX: { description: 'The built-in sandbox: sends nothing, reports delivery after a short delay. Every account has one.' },
    LIGHTNINGMSG: { description: 'LightningMSG. Credentials: `apiKey`, `secretCode`, `webhookHeaders` (the custom headers set in its dashboard). Options: `timeZone`.' },
    SMSPROVIDER: { description: 'SMS Provider. Credentials: `apiKey`, `webhookSecret`. Options: `requestsPerSecond` (10 on Standard, 50 on Enterprise).' },
    BRANDSMS: { description: 'BrandSMS. Credentials: `key`, `brandId`, `callbackKey`. Options: `timeZone`, `checkStopList`. Needs `baseUrl`.' },
    LIGHTSMS: {
      description: 'LightSMS. Credentials: `login`, `apiKey`. Options: `timeZone` (of `sendingTime`), `sender` (the approved sender name to use when a message has none), `responseFormat`. Reports no status.',
    },
    SMSGATE: {
      description: 'SMSGate. Credentials: `username` and `password` (API v1) or `apiKey` (API v2). Options: `country` (local number format), `requestsPerMinute` (60). Needs `baseUrl`. Reports no status.',
    },
  } as const,
});

export const StatusDelivery = builder.enumType('StatusDelivery', {
  description: 'How a provider tells Switchboard what became of a message.',
  values: {
    PUSH: { description: 'The provider calls the connection’s webhook.' },
    POLL: { description: 'Switchboard asks the provider.' },
    NONE: { description: 'The provider reports nothing after accepting a message.' },
  } as const,
});

const CapabilitiesRef = builder.objectRef<ProviderCapabilities>('ProviderCapabilities').implement({
  description: 'What a provider can do, as its documentation describes it.',
  fields: (t) => ({
    maxBatchSize: t.exposeInt('maxBatchSize', { description: 'The most messages Switchboard hands it in one request.' }),
    nativeScheduling: t.exposeBoolean('nativeScheduling', { description: 'Whether it can hold a message until a send time itself.' }),
    nativeCancel: t.exposeBoolean('nativeCancel', { description: 'Whether a message scheduled there can be cancelled.' }),
    statusDelivery: t.field({ type: StatusDelivery, description: 'How status reaches Switchboard.', resolve: (c) => c.statusDelivery.toUpperCase() as 'PUSH' }),
    requestsPerSecond: t.float({
      nullable: true,
      description: 'Its documented request limit, per second; null when it documents none.',
      resolve: (c) => (c.rateLimit ? (c.rateLimit.requests * 1000) / c.rateLimit.perMs : null),
    }),
  }),
});

const CircuitStateEnum = builder.enumType('CircuitState', {
  description: 'Whether Switchboard is sending to a provider that has been failing.',
  values: {
    CLOSED: { description: 'Healthy, or not failing often enough to stop: messages go to it.' },
    OPEN: { description: 'It kept failing: messages skip it and fail over until the reset time passes.' },
    HALF_OPEN: { description: 'The reset time passed: the next batch probes it.' },
  } as const,
});

const definitionOf = (connection: ProviderConnectionRow) => providerDefinition(connection.kind as Kind);

export const ProviderConnectionRef = builder.loadableNode('ProviderConnection', {
  description: 'An account’s connection to one SMS provider, through which messages go out. Its credentials are write-only.',
  id: { resolve: (connection: ProviderConnectionRow) => connection.id },
  load: (ids: string[], context) =>
    context.viewer ? findConnectionsByIds(context.db, context.viewer.accountId, ids.filter(isUuid)) : Promise.resolve([]),
  sort: (connection) => connection.id,
  fields: (t) => ({
    kind: t.field({ type: ProviderKind, description: 'The provider.', resolve: (c) => c.kind as Kind }),
    label: t.exposeString('label', { description: 'A name to tell connections apart.' }),
    priority: t.exposeInt('priority', { description: 'Lower goes first when no connection is named on send.' }),
    enabled: t.exposeBoolean('enabled', { description: 'Whether messages may go out through this connection.' }),
    baseUrl: t.string({
      nullable: true,
      description: 'The provider API URL in use: the connection’s override, else the documented one. Null for the sandbox.',
      resolve: (c) => (c.kind === 'SANDBOX' ? null : (c.baseUrl ?? definitionOf(c).defaultBaseUrl)),
    }),
    credentialFields: t.exposeStringList('credentialFields', {
      description: 'The names of the credential fields that are set. The values are never returned.',
    }),
    options: t.field({ type: 'JSONObject', description: 'The provider-specific settings, defaults filled in.', resolve: (c) => definitionOf(c).options.parse(c.options) as Record<string, unknown> }),
    webhookUrl: t.string({
      nullable: true,
      description: 'The URL the provider must call with status updates (set it in the provider’s dashboard where it asks). Null for the sandbox.',
      resolve: (c, _args, context) => context.providers.webhookUrl(c),
    }),
    capabilities: t.field({
      type: CapabilitiesRef,
      description: 'What the provider can do, as this connection is set up (its request limit option, for example).',
      resolve: (c) => {
        const definition = definitionOf(c);
        return definition.capabilitiesWith?.(definition.options.parse(c.options)) ?? definition.capabilities;
      },
    }),
    countryCodes: t.exposeStringList('countryCodes', { description: 'The country calling codes it is limited to; empty: every number.' }),
    circuit: t.field({
      type: CircuitStateEnum,
      description: 'Its circuit breaker as this server instance sees it: OPEN means sends skip it (and fail over) until a probe succeeds.',
      resolve: (c, _args, context) => context.providers.circuitState(c.id),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the connection was made.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When its settings or credentials last changed.' }),
  }),
});

builder.objectField(AccountRef, 'providers', (t) =>
  t.field({
    type: [ProviderConnectionRef],
    description: 'The account’s provider connections in the order sends try them (priority, then age). At most 50, so not paginated.',
    resolve: (account, _args, context) => listConnections(context.db, account.id),
  }),
);
