import { connectProvider, disconnectProvider, updateProviderConnection } from '../domain/providers/connections.js';
import type { Result, UserError } from '../domain/result.js';
import type { ProviderConnectionRow } from '../db/schema.js';
import { builder } from './builder.js';
import { parseGlobalId } from './global-id.js';
import { ProviderConnectionRef, ProviderKind } from './provider-connection.js';
import { userErrorsField } from './user-error.js';

type Payload = { provider: ProviderConnectionRow | null; userErrors: UserError[] };

const toPayload = (result: Result<{ connection: ProviderConnectionRow }>): Payload =>
  result.ok ? { provider: result.connection, userErrors: [] } : { provider: null, userErrors: result.errors };

const credentialsDescription = 'The provider’s secrets as a JSON object; the fields per kind are listed on `ProviderKind`. Stored encrypted, never returned.';

builder.relayMutationField(
  'connectProvider',
  {
    description: 'The provider to connect and how to reach it.',
    inputFields: (t) => ({
      kind: t.field({ type: ProviderKind, required: true, description: 'Which provider.' }),
      label: t.string({ required: true, description: 'A name to tell connections apart, 1 to 100 characters.' }),
      credentials: t.field({ type: 'JSONObject', required: true, description: credentialsDescription }),
      baseUrl: t.string({ description: 'Overrides the provider’s documented API URL (an emulator, a staging host). Required for BrandSMS, which documents none.' }),
      priority: t.int({ description: 'Lower goes first when a send names no connection, 0 to 10000 (default 100; the sandbox has 1000).' }),
      enabled: t.boolean({ description: 'Whether messages may go out through it at once (default true).' }),
      countryCodes: t.stringList({ description: 'Limits it to numbers with these country calling codes, e.g. `["370"]`; empty or left out: every number.' }),
      options: t.field({ type: 'JSONObject', description: 'Provider-specific settings (listed on `ProviderKind`); defaults apply to what is left out.' }),
    }),
  },
  {
    description: 'Connects the viewer’s account to an SMS provider. Needs `providers:manage`.',
    authScopes: { scope: 'providers:manage' },
    nullable: true,
    resolve: async (_root, { input }, context) =>
      toPayload(
        await connectProvider(context.db, context.clock, context.providers.credentialsKey, context.viewer!, {
          kind: input.kind,
          label: input.label,
          credentials: input.credentials,
          baseUrl: input.baseUrl,
          priority: input.priority ?? undefined,
          enabled: input.enabled ?? undefined,
          countryCodes: input.countryCodes ?? undefined,
          options: input.options ?? undefined,
        }),
      ),
  },
  {
    description: 'The result of `connectProvider`.',
    outputFields: (t) => ({
      provider: t.field({ type: ProviderConnectionRef, nullable: true, description: 'The new connection; null if the input was refused.', resolve: (p: Payload) => p.provider }),
      userErrors: t.field(userErrorsField()),
    }),
  },
);

builder.relayMutationField(
  'updateProviderConnection',
  {
    description: 'The connection to change and the settings that change; what is left out stays as it is.',
    inputFields: (t) => ({
      id: t.id({ required: true, description: 'The ID of the connection.' }),
      label: t.string({ description: 'A new name, 1 to 100 characters.' }),
      credentials: t.field({ type: 'JSONObject', description: 'Credential fields to replace (merged into the stored ones; a field set to null is removed).' }),
      baseUrl: t.string({ description: 'A new API URL; null resets it to the provider’s documented one.' }),
      priority: t.int({ description: 'A new priority, 0 to 10000.' }),
      enabled: t.boolean({ description: 'Turns sending through it on or off.' }),
      countryCodes: t.stringList({ description: 'Replaces the calling codes it is limited to; `[]` lifts the limit.' }),
      options: t.field({ type: 'JSONObject', description: 'The provider-specific settings, replacing the current ones.' }),
    }),
  },
  {
    description: 'Changes a provider connection of the viewer’s account. Needs `providers:manage`.',
    authScopes: { scope: 'providers:manage' },
    nullable: true,
    resolve: async (_root, { input }, context) => {
      const id = parseGlobalId(String(input.id), 'ProviderConnection', ['input', 'id']);
      if (!id.ok) return { provider: null, userErrors: id.errors };
      return toPayload(
        await updateProviderConnection(context.db, context.clock, context.providers.credentialsKey, context.viewer!, id.id, {
          label: input.label,
          credentials: input.credentials,
          // Left out: unchanged (undefined); explicitly null: back to the documented URL.
          baseUrl: 'baseUrl' in input ? input.baseUrl : undefined,
          priority: input.priority,
          enabled: input.enabled,
          countryCodes: input.countryCodes,
          options: input.options,
        }),
      );
    },
  },
  {
    description: 'The result of `updateProviderConnection`.',
    outputFields: (t) => ({
      provider: t.field({ type: ProviderConnectionRef, nullable: true, description: 'The connection as changed; null if the input was refused.', resolve: (p: Payload) => p.provider }),
      userErrors: t.field(userErrorsField()),
    }),
  },
);

builder.relayMutationField(
  'disconnectProvider',
  {
    description: 'The connection to remove.',
    inputFields: (t) => ({ id: t.id({ required: true, description: 'The ID of the connection.' }) }),
  },
  {
    description:
      'Disconnects a provider: its credentials are erased and its webhooks refused from now on. Messages waiting for it go out through the next connection unless they named it. Needs `providers:manage`.',
    authScopes: { scope: 'providers:manage' },
    nullable: true,
    resolve: async (_root, { input }, context) => {
      const id = parseGlobalId(String(input.id), 'ProviderConnection', ['input', 'id']);
      if (!id.ok) return { provider: null, userErrors: id.errors };
      return toPayload(await disconnectProvider(context.db, context.clock, context.viewer!, id.id));
    },
  },
  {
    description: 'The result of `disconnectProvider`.',
    outputFields: (t) => ({
      provider: t.field({ type: ProviderConnectionRef, nullable: true, description: 'The connection as it was disconnected; null if the input was refused.', resolve: (p: Payload) => p.provider }),
      userErrors: t.field(userErrorsField()),
    }),
  },
);
