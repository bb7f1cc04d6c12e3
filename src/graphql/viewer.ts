import type { Viewer } from '../domain/viewer.js';
import { findApiKey } from '../domain/api-keys/store.js';
import { AccountRef } from './account.js';
import { ApiKeyRef } from './api-key.js';
import { builder } from './builder.js';

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The caller: the account and the API key this request authenticated with.',
  fields: (t) => ({
    account: t.field({
      type: AccountRef,
      description: 'The account every read and change of this request is scoped to.',
      resolve: (viewer) => viewer.account,
    }),
    apiKey: t.field({
      type: ApiKeyRef,
      description: 'The API key making this request (readable without `keys:manage`).',
      resolve: async (viewer, _args, context) => (await findApiKey(context.db, viewer.accountId, viewer.apiKeyId))!,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    description: 'Who is calling. The entry point to everything the API key can see.',
    authScopes: { authenticated: true },
    resolve: (_root, _args, context) => context.viewer!,
  }),
);
