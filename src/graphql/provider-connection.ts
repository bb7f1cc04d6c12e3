import { findConnectionsByIds } from '../domain/providers/store.js';
import { isUuid } from '../db/ids.js';
import type { ProviderConnectionRow } from '../db/schema.js';
import { builder } from './builder.js';

export const ProviderKind = builder.enumType('ProviderKind', {
  description: 'Which SMS provider a connection speaks to.',
  values: {
    SANDBOX: { description: 'The built-in sandbox: sends nothing, reports delivery after a short delay. Every account has one.' },
  } as const,
});

export const ProviderConnectionRef = builder.loadableNode('ProviderConnection', {
  description: 'An account’s connection to one SMS provider, through which messages go out.',
  id: { resolve: (connection: ProviderConnectionRow) => connection.id },
  load: (ids: string[], context) =>
    context.viewer ? findConnectionsByIds(context.db, context.viewer.accountId, ids.filter(isUuid)) : Promise.resolve([]),
  sort: (connection) => connection.id,
  fields: (t) => ({
    kind: t.field({ type: ProviderKind, description: 'The provider.', resolve: (c) => c.kind as 'SANDBOX' }),
    label: t.exposeString('label', { description: 'A name to tell connections apart.' }),
    priority: t.exposeInt('priority', { description: 'Lower goes first when no connection is named on send.' }),
    enabled: t.exposeBoolean('enabled', { description: 'Whether messages may go out through this connection.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the connection was made.' }),
  }),
});
