import { createApiKey, DEFAULT_EXPIRES_IN_DAYS, type IssuedApiKey } from '../domain/api-keys/create.js';
import { revokeApiKey } from '../domain/api-keys/revoke.js';
import { rotateApiKey } from '../domain/api-keys/rotate.js';
import type { UserError } from '../domain/result.js';
import type { ApiKeyRow } from '../db/schema.js';
import { announceApiKeyChange } from '../realtime/api-key-events.js';
import { ApiKeyRef, ApiKeyScope } from './api-key.js';
import { builder } from './builder.js';
import { parseGlobalId } from './global-id.js';
import { userErrorsField } from './user-error.js';

type Payload = { apiKey: ApiKeyRow | null; secret?: string | null; previous?: ApiKeyRow | null; userErrors: UserError[] };

const failed = (userErrors: UserError[]): Payload => ({ apiKey: null, secret: null, previous: null, userErrors });


const secretField = {
  type: 'String',
  nullable: true,
  description: 'The full secret of the new key. Shown only here and only once: store it now.',
  resolve: (payload: Payload) => payload.secret ?? null,
} as const;

const expiresInDaysField = {
  required: false,
  defaultValue: DEFAULT_EXPIRES_IN_DAYS,
  description: `Days until the key expires, 1 to 365 (default ${DEFAULT_EXPIRES_IN_DAYS}).`,
} as const;

const issued = (result: IssuedApiKey): Payload => ({ apiKey: result.apiKey, secret: result.secret, userErrors: [] });

builder.relayMutationField(
  'createApiKey',
  {
    description: 'What the new API key is called and may do.',
    inputFields: (t) => ({
      name: t.string({ required: true, description: 'A label to tell keys apart, 1 to 100 characters.' }),
      scopes: t.field({ type: [ApiKeyScope], required: true, description: 'What the key may do; at most the scopes of the key making the request.' }),
      expiresInDays: t.int(expiresInDaysField),
    }),
  },
  {
    description: 'Makes a new API key for the viewer’s account and returns its secret, once. Needs `keys:manage`.',
    authScopes: { scope: 'keys:manage' },
    nullable: true,
    resolve: async (_root, { input }, context) => {
      const result = await createApiKey(context.db, context.clock, context.viewer!, {
        name: input.name,
        scopes: input.scopes,
        expiresInDays: input.expiresInDays ?? undefined,
      });
      if (!result.ok) return failed(result.errors);
      announceApiKeyChange(context.pubsub, { change: 'CREATED', apiKey: result.apiKey }, context.clock.now());
      return issued(result);
    },
  },
  {
    description: 'The result of `createApiKey`.',
    outputFields: (t) => ({
      apiKey: t.field({ type: ApiKeyRef, nullable: true, description: 'The new key; null if the input was refused.', resolve: (p: Payload) => p.apiKey }),
      secret: t.field(secretField),
      userErrors: t.field(userErrorsField()),
    }),
  },
);

builder.relayMutationField(
  'rotateApiKey',
  {
    description: 'Which key to replace, and how long the old one keeps working.',
    inputFields: (t) => ({
      id: t.id({ required: true, description: 'The ID of the key to rotate.' }),
      expiresInDays: t.int(expiresInDaysField),
      gracePeriodHours: t.int({
        required: false,
        defaultValue: 24,
        description: 'Hours the old key keeps working, 0 to 168 (default 24), so deployments can switch without downtime.',
      }),
    }),
  },
  {
    description: 'Replaces a key with a new one of the same name and scopes. The old key keeps working for the grace period, then is rejected. Needs `keys:manage`.',
    authScopes: { scope: 'keys:manage' },
    nullable: true,
    resolve: async (_root, { input }, context) => {
      const id = parseGlobalId(String(input.id), 'ApiKey', ['input', 'id']);
      if (!id.ok) return failed(id.errors);
      const result = await rotateApiKey(context.db, context.clock, context.viewer!, {
        id: id.id,
        expiresInDays: input.expiresInDays ?? undefined,
        gracePeriodHours: input.gracePeriodHours ?? undefined,
      });
      if (!result.ok) return failed(result.errors);
      context.authCache.forget(result.previous.id);
      announceApiKeyChange(context.pubsub, { change: 'ROTATED', apiKey: result.previous, replacement: result.apiKey }, context.clock.now());
      return { ...issued(result), previous: result.previous };
    },
  },
  {
    description: 'The result of `rotateApiKey`.',
    outputFields: (t) => ({
      apiKey: t.field({ type: ApiKeyRef, nullable: true, description: 'The new key; null if the input was refused.', resolve: (p: Payload) => p.apiKey }),
      secret: t.field(secretField),
      rotatedApiKey: t.field({
        type: ApiKeyRef,
        nullable: true,
        description: 'The old key, now ROTATING until its grace period ends.',
        resolve: (p: Payload) => p.previous ?? null,
      }),
      userErrors: t.field(userErrorsField()),
    }),
  },
);

builder.relayMutationField(
  'revokeApiKey',
  {
    description: 'Which key to revoke.',
    inputFields: (t) => ({ id: t.id({ required: true, description: 'The ID of the key to revoke.' }) }),
  },
  {
    description: 'Rejects a key from now on and closes the WebSocket subscriptions it opened. Revoking a revoked key changes nothing. Needs `keys:manage`.',
    authScopes: { scope: 'keys:manage' },
    nullable: true,
    resolve: async (_root, { input }, context) => {
      const id = parseGlobalId(String(input.id), 'ApiKey', ['input', 'id']);
      if (!id.ok) return failed(id.errors);
      const result = await revokeApiKey(context.db, context.clock, context.viewer!, id.id);
      if (!result.ok) return failed(result.errors);
      context.authCache.forget(result.apiKey.id);
      if (result.changed) announceApiKeyChange(context.pubsub, { change: 'REVOKED', apiKey: result.apiKey }, context.clock.now());
      return { apiKey: result.apiKey, userErrors: [] };
    },
  },
  {
    description: 'The result of `revokeApiKey`.',
    outputFields: (t) => ({
      apiKey: t.field({ type: ApiKeyRef, nullable: true, description: 'The revoked key; null if the input was refused.', resolve: (p: Payload) => p.apiKey }),
      userErrors: t.field(userErrorsField()),
    }),
  },
);
