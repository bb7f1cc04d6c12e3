import type { ApiKeyEvent } from '../domain/api-keys/events.js';
import { ApiKeyRef } from './api-key.js';
import { builder } from './builder.js';

const ApiKeyChange = builder.enumType('ApiKeyChange', {
  description: 'What happened to an API key.',
  values: {
    CREATED: { description: 'A key was made with `createApiKey`.' },
    ROTATED: { description: 'A key was replaced with `rotateApiKey`; `replacement` is the new key.' },
    REVOKED: { description: 'A key was revoked with `revokeApiKey`.' },
  } as const,
});

const ApiKeyChangedEvent = builder.objectRef<ApiKeyEvent>('ApiKeyChangedEvent').implement({
  description: 'A change to one of the account’s API keys.',
  fields: (t) => ({
    change: t.field({ type: ApiKeyChange, description: 'What happened.', resolve: (event) => event.change }),
    apiKey: t.field({ type: ApiKeyRef, description: 'The key as it is after the change.', resolve: (event) => event.apiKey }),
    replacement: t.field({
      type: ApiKeyRef,
      nullable: true,
      description: 'For ROTATED: the key that replaces it.',
      resolve: (event) => event.replacement ?? null,
    }),
  }),
});

builder.subscriptionField('apiKeyChanged', (t) =>
  t.field({
    type: ApiKeyChangedEvent,
    description: 'Each creation, rotation and revocation of the account’s API keys, as it happens. Needs `keys:manage`.',
    authScopes: { scope: 'keys:manage' },
    subscribe: (_root, _args, context) => context.pubsub.subscribe('apiKeyChanged', context.viewer!.accountId),
    resolve: (event) => event,
  }),
);
