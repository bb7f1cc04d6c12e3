import { findApiKeysByIds } from '../domain/api-keys/store.js';
import { SCOPE_DESCRIPTIONS, SCOPES, type Scope } from '../domain/api-keys/scopes.js';
import { apiKeyStatus } from '../domain/api-keys/status.js';
import { isUuid } from '../db/ids.js';
import type { ApiKeyRow } from '../db/schema.js';
import { builder } from './builder.js';

const scopeName = (scope: Scope) => scope.replace(':', '_').toUpperCase();

export const ApiKeyScope = builder.enumType('ApiKeyScope', {
  description: 'What an API key may do. Each value stands for the scope named in its description.',
  values: Object.fromEntries(
    SCOPES.map((scope) => [scopeName(scope), { value: scope, description: `\`${scope}\`: ${SCOPE_DESCRIPTIONS[scope]}` }]),
  ) as Record<string, { value: Scope; description: string }>,
});

export const ApiKeyStatus = builder.enumType('ApiKeyStatus', {
  description: 'Whether an API key is accepted now.',
  values: {
    ACTIVE: { description: 'Accepted.' },
    ROTATING: { description: 'Replaced by a rotation, still accepted until `gracePeriodEndsAt`.' },
    EXPIRED: { description: 'Rejected: `expiresAt` has passed.' },
    REVOKED: { description: 'Rejected: revoked, or its rotation grace period has ended.' },
  } as const,
});

export const ApiKeyRef = builder.loadableNode('ApiKey', {
  description: 'A secret that authenticates requests for one account with a set of scopes. The secret itself is shown only once, when the key is made.',
  // Any key may read itself (viewer.apiKey); reading other keys needs keys:manage.
  authScopes: (key: ApiKeyRow, context) => key.id === context.viewer?.apiKeyId || { scope: 'keys:manage' },
  id: { resolve: (key: ApiKeyRow) => key.id },
  load: (ids: string[], context) =>
    context.viewer ? findApiKeysByIds(context.db, context.viewer.accountId, ids.filter(isUuid)) : Promise.resolve([]),
  sort: (key) => key.id,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'A label to tell keys apart, e.g. "CRM production".' }),
    prefix: t.exposeString('prefix', { description: 'The first characters of the secret, to recognise the key without revealing it.' }),
    scopes: t.field({ type: [ApiKeyScope], description: 'What the key may do.', resolve: (key) => key.scopes as Scope[] }),
    status: t.field({
      type: ApiKeyStatus,
      description: 'Whether the key is accepted now.',
      resolve: (key, _args, context) => apiKeyStatus(key, context.clock.now()),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the key was made.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the key stops being accepted.' }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the key last authenticated a request, to the minute; null if never.',
    }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the key was revoked or its rotation grace period ended; null while it is accepted.',
      resolve: (key, _args, context) => (apiKeyStatus(key, context.clock.now()) === 'REVOKED' ? key.revokedAt : null),
    }),
    gracePeriodEndsAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'For a rotated key: when it stops being accepted. Null for a key that was never rotated.',
      resolve: (key) => (key.replacedBy ? key.revokedAt : null),
    }),
  }),
});

builder.objectField(ApiKeyRef, 'replacedBy', (t) =>
  t.field({
    type: ApiKeyRef,
    nullable: true,
    description: 'The key that replaced this one by rotation.',
    resolve: (key) => key.replacedBy,
  }),
);
