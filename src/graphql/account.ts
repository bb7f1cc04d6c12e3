import { findAccountsByIds } from '../domain/accounts/store.js';
import { countApiKeys, listApiKeys } from '../domain/api-keys/store.js';
import { isUuid } from '../db/ids.js';
import type { AccountRow } from '../db/schema.js';
import { ApiKeyRef } from './api-key.js';
import { builder } from './builder.js';
import { loadPage, toConnection, totalCountField } from './pagination.js';

export const AccountRef = builder.loadableNode('Account', {
  description: 'A tenant of Switchboard: it owns API keys, provider connections and messages.',
  id: { resolve: (account: AccountRow) => account.id },
  // Only the viewer's own account can be loaded: any other ID reads as "does not exist".
  load: (ids: string[], context) =>
    findAccountsByIds(context.db, ids.filter((id) => id === context.viewer?.accountId && isUuid(id))),
  sort: (account) => account.id,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The account’s display name.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the account was created.' }),
    apiKeys: t.connection(
      {
        type: ApiKeyRef,
        nullable: true,
        description: 'The account’s API keys, oldest first, including expired and revoked ones. Needs `keys:manage`.',
        authScopes: { scope: 'keys:manage' },
        resolve: (account, args, context) =>
          loadPage(async () =>
            toConnection(await listApiKeys(context.db, account.id, args), () => countApiKeys(context.db, account.id)),
          ),
      },
      {
        name: 'ApiKeyConnection',
        description: 'A page of API keys.',
        fields: (c) => ({
          totalCount: c.int(totalCountField('How many API keys the account has in all (counted only when asked for).')),
        }),
      },
      { name: 'ApiKeyEdge', description: 'An API key and its cursor.' },
    ),
  }),
});
