import { countMessages, listMessages } from '../domain/messages/list.js';
import { countBulkStatuses, findBulkSendsByIds } from '../domain/messages/store.js';
import { isFinal, MESSAGE_STATUSES, type MessageStatus } from '../domain/messages/status.js';
import { isUuid } from '../db/ids.js';
import type { BulkSendRow } from '../db/schema.js';
import { builder } from './builder.js';
import { MessageRef } from './message.js';
import { loadPage, toConnection, totalCountField } from './pagination.js';

type Counts = Record<MessageStatus, number>;

const BulkSendStatus = builder.enumType('BulkSendStatus', {
  description: 'Whether a bulk send has finished.',
  values: {
    IN_PROGRESS: { description: 'Some of its messages are still scheduled, queued or sent without a final report.' },
    COMPLETED: { description: 'Every accepted message has reached a final status (or none was accepted).' },
  } as const,
});

const BulkSendCounts = builder.objectRef<Counts>('BulkSendCounts').implement({
  description: 'How many of a bulk send’s accepted messages are in each status.',
  fields: (t) =>
    Object.fromEntries(
      MESSAGE_STATUSES.map((status) => [
        status.toLowerCase(),
        t.int({ description: `Messages now ${status}.`, resolve: (counts) => counts[status] }),
      ]),
    ),
});

export const BulkSendRef = builder.loadableNode('BulkSend', {
  description: 'Many messages accepted by one `sendBulk`.',
  authScopes: { scope: 'messages:read' },
  id: { resolve: (bulk: BulkSendRow) => bulk.id },
  load: (ids: string[], context) =>
    context.viewer ? findBulkSendsByIds(context.db, context.viewer.accountId, ids.filter(isUuid)) : Promise.resolve([]),
  sort: (bulk) => bulk.id,
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Items in the request.' }),
    accepted: t.exposeInt('accepted', { description: 'Items accepted as messages.' }),
    rejected: t.exposeInt('rejected', { description: 'Items refused (reported as user errors by sendBulk).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was accepted.' }),
    // Read fresh on each resolve (not through a per-request loader): bulkProgress resolves the
    // same bulk send again and again within one subscription.
    counts: t.field({
      type: BulkSendCounts,
      description: 'Its messages per status, now.',
      resolve: async (bulk, _args, context) => {
        const counts = Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0])) as Counts;
        for (const row of await countBulkStatuses(context.db, [bulk.id])) counts[row.status as MessageStatus] = row.n;
        return counts;
      },
    }),
    messages: t.connection(
      {
        type: MessageRef,
        description: 'Its messages, oldest first.',
        resolve: (bulk, args, context) => {
          const order = { field: 'CREATED_AT' as const, direction: 'ASC' as const };
          const filter = { bulkId: bulk.id };
          return loadPage(async () =>
            toConnection(await listMessages(context.db, bulk.accountId, filter, order, args), () => countMessages(context.db, bulk.accountId, filter, order)),
          );
        },
      },
      {
        name: 'BulkSendMessageConnection',
        description: 'A page of a bulk send’s messages.',
        fields: (c) => ({
          totalCount: c.int(totalCountField('How many messages the bulk send has (counted only when asked for).')),
        }),
      },
      { name: 'BulkSendMessageEdge', description: 'A message of a bulk send, and its cursor.' },
    ),
  }),
});

builder.objectField(BulkSendRef, 'status', (t) =>
  t.field({
    type: BulkSendStatus,
    description: 'Whether every accepted message has reached a final status.',
    resolve: async (bulk, _args, context) => {
      const rows = await countBulkStatuses(context.db, [bulk.id]);
      return rows.some((row) => !isFinal(row.status as MessageStatus) && row.n > 0) ? 'IN_PROGRESS' : 'COMPLETED';
    },
  }),
);

builder.objectField(MessageRef, 'bulk', (t) =>
  t.field({ type: BulkSendRef, nullable: true, description: 'The bulk send it is part of, if any.', resolve: (m) => m.bulkId }),
);
