import type { MessageStatusEvent } from '../realtime/message-events.js';
import { builder } from './builder.js';
import { MessageRef, MessageStatusEnum } from './message.js';
import { requireGlobalId } from './global-id.js';

const MessageStatusChange = builder.objectRef<MessageStatusEvent>('MessageStatusChange').implement({
  description: 'A message moved to a new status.',
  fields: (t) => ({
    message: t.field({ type: MessageRef, description: 'The message as it is after the change.', resolve: (e) => e.message }),
    status: t.field({ type: MessageStatusEnum, description: 'The new status.', resolve: (e) => e.status }),
    previousStatus: t.field({ type: MessageStatusEnum, nullable: true, description: 'The status before; null when the message was just accepted.', resolve: (e) => e.previousStatus }),
    at: t.expose('at', { type: 'DateTime', description: 'When the change happened.' }),
  }),
});

const MessageStatusFilter = builder.inputType('MessageStatusChangedFilter', {
  description: 'Which messages to watch; without it, every message of the account.',
  fields: (t) => ({
    ids: t.idList({ description: 'Only these messages.' }),
    bulkId: t.id({ description: 'Only the messages of this bulk send.' }),
  }),
});

builder.subscriptionField('messageStatusChanged', (t) =>
  t.field({
    type: MessageStatusChange,
    description: 'Each status change of the account’s messages as it happens, from acceptance to delivery. Needs `messages:read`.',
    authScopes: { scope: 'messages:read' },
    args: { filter: t.arg({ type: MessageStatusFilter, description: 'Which messages to watch.' }) },
    subscribe: async function* (_root, args, context) {
      const ids = args.filter?.ids ? new Set(args.filter.ids.map((id) => requireGlobalId(id, 'Message', ['filter', 'ids']))) : undefined;
      const bulkId = args.filter?.bulkId ? requireGlobalId(args.filter.bulkId, 'BulkSend', ['filter', 'bulkId']) : undefined;
      for await (const event of context.pubsub.subscribe('messageStatusChanged', context.viewer!.accountId)) {
        if (ids && !ids.has(event.message.id)) continue;
        if (bulkId && event.message.bulkId !== bulkId) continue;
        yield event;
      }
    },
    resolve: (event) => event,
  }),
);
