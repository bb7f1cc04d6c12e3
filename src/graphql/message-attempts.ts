import { findAttemptsByMessageIds } from '../domain/messages/attempts.js';
import type { MessageAttemptRow } from '../db/schema.js';
import { providerDefinition, type ProviderKind } from '../providers/registry.js';
import { builder } from './builder.js';
import { MessageRef } from './message.js';
import { ProviderConnectionRef, StatusDelivery } from './provider-connection.js';

const MessageAttemptRef = builder.objectRef<MessageAttemptRow>('MessageAttempt').implement({
  description: 'One hand-over of a message to a provider: with failover, a message can have several.',
  fields: (t) => ({
    provider: t.field({ type: ProviderConnectionRef, nullable: true, description: 'The connection tried.', resolve: (a) => a.connectionId }),
    at: t.expose('at', { type: 'DateTime', description: 'When.' }),
    succeeded: t.exposeBoolean('succeeded', { description: 'Whether the provider accepted it.' }),
    errorCode: t.exposeString('errorCode', { nullable: true, description: 'Why not, as a stable code (PROVIDER_UNAVAILABLE, RATE_LIMITED…).' }),
    errorMessage: t.exposeString('errorMessage', { nullable: true, description: 'Why not, in words.' }),
    providerStatus: t.exposeString('providerStatus', { nullable: true, description: 'What the provider answered: its own code, or the HTTP status.' }),
  }),
});

builder.objectFields(MessageRef, (t) => ({
  attempts: t.loadableList({
    type: MessageAttemptRef,
    description: 'Every hand-over to a provider, oldest first: which connection, when, and what it answered.',
    loaderOptions: { cache: false },
    load: async (ids: string[], context) => {
      const attempts = await findAttemptsByMessageIds(context.db, ids);
      return ids.map((id) => attempts.filter((attempt) => attempt.messageId === id));
    },
    resolve: (m) => m.id,
  }),
  statusSource: t.field({
    type: StatusDelivery,
    nullable: true,
    description:
      'How its provider reports what became of it. NONE: the provider says nothing after accepting, so SENT is as far as anyone can know (nothing is invented). Null until a connection is chosen.',
    resolve: async (m, _args, context) => {
      if (!m.connectionId) return null;
      const connection = await ProviderConnectionRef.getDataloader(context).load(m.connectionId);
      return providerDefinition(connection.kind as ProviderKind).capabilities.statusDelivery.toUpperCase() as 'PUSH' | 'POLL' | 'NONE';
    },
  }),
}));
