import { countMessages, listMessages, type MessageFilter } from '../domain/messages/list.js';
import { MAX_BODY_LENGTH } from '../domain/messages/send.js';
import { estimateBody } from '../domain/messages/segments.js';
import { AccountRef } from './account.js';
import { builder } from './builder.js';
import { EncodingEnum, MessageRef, MessageStatusEnum } from './message.js';
import { loadPage, toConnection, totalCountField } from './pagination.js';
import { parseGlobalId, requireGlobalId } from './global-id.js';

const MessageFilterInput = builder.inputType('MessageFilter', {
  description: 'Narrows a list of messages; all given conditions must hold.',
  fields: (t) => ({
    status: t.field({ type: [MessageStatusEnum], description: 'Any of these statuses.' }),
    to: t.string({ description: 'The recipient, in E.164.' }),
    bulkId: t.id({ description: 'Messages of this bulk send.' }),
    providerId: t.id({ description: 'Messages through this provider connection.' }),
    createdAfter: t.field({ type: 'DateTime', description: 'Accepted at or after this time.' }),
    createdBefore: t.field({ type: 'DateTime', description: 'Accepted before this time.' }),
    scheduled: t.boolean({ description: 'true: only messages sent with `sendAt`; false: only the others.' }),
  }),
});

const MessageOrderField = builder.enumType('MessageOrderField', {
  description: 'What to order messages by; ties are broken by ID, so pages never skip or repeat.',
  values: {
    CREATED_AT: { description: 'When Switchboard accepted them.' },
    SCHEDULED_AT: { description: 'When they are to be sent (lists only scheduled messages).' },
  } as const,
});

const OrderDirection = builder.enumType('OrderDirection', {
  description: 'Ascending or descending.',
  values: { ASC: { description: 'Oldest first.' }, DESC: { description: 'Newest first.' } } as const,
});

const MessageOrder = builder.inputType('MessageOrder', {
  description: 'The order of a list of messages.',
  fields: (t) => ({
    field: t.field({ type: MessageOrderField, required: true, description: 'What to order by.' }),
    direction: t.field({ type: OrderDirection, required: true, description: 'Which way.' }),
  }),
});

/** Global IDs in a filter become database IDs; one of the wrong type is an argument error. */
function decodeFilter(filter: { bulkId?: string | null; providerId?: string | null } & Omit<MessageFilter, 'bulkId' | 'providerId'>): MessageFilter {
  const decode = (value: string | null | undefined, typename: string, name: string) =>
    value ? requireGlobalId(value, typename, ['filter', name]) : undefined;
  return { ...filter, bulkId: decode(filter.bulkId, 'BulkSend', 'bulkId'), providerId: decode(filter.providerId, 'ProviderConnection', 'providerId') };
}

builder.objectField(AccountRef, 'messages', (t) =>
  t.connection(
    {
      type: MessageRef,
      nullable: true,
      description: 'The account’s messages, newest first unless `orderBy` says otherwise. Needs `messages:read`.',
      authScopes: { scope: 'messages:read' },
      args: {
        filter: t.arg({ type: MessageFilterInput, description: 'Which messages.' }),
        orderBy: t.arg({ type: MessageOrder, description: 'Their order (default: CREATED_AT DESC).' }),
      },
      resolve: (account, args, context) => {
        const filter = decodeFilter(args.filter ?? {});
        const order = args.orderBy ?? { field: 'CREATED_AT' as const, direction: 'DESC' as const };
        return loadPage(async () =>
          toConnection(await listMessages(context.db, account.id, filter, order, args), () => countMessages(context.db, account.id, filter, order)),
        );
      },
    },
    {
      name: 'MessageConnection',
      description: 'A page of messages.',
      fields: (c) => ({
        totalCount: c.int(totalCountField('How many messages match the filter in all (counted only when asked for).')),
      }),
    },
    { name: 'MessageEdge', description: 'A message and its cursor.' },
  ),
);

builder.queryField('message', (t) =>
  t.field({
    type: MessageRef,
    nullable: true,
    description: 'One of the account’s messages by ID; null if there is none. Needs `messages:read`.',
    authScopes: { scope: 'messages:read' },
    args: { id: t.arg.id({ required: true, description: 'The message’s ID.' }) },
    resolve: (_root, args) => {
      const id = parseGlobalId(String(args.id), 'Message', ['id']);
      return id.ok ? id.id : null;
    },
  }),
);

const BodyEstimate = builder.objectRef<ReturnType<typeof estimateBody>>('BodyEstimate').implement({
  description: 'How a body would be sent: its encoding and how many SMS parts it takes.',
  fields: (t) => ({
    encoding: t.field({ type: EncodingEnum, description: 'GSM-7 unless a character needs UCS-2.', resolve: (e) => e.encoding }),
    characters: t.exposeInt('characters', { description: 'Length in the encoding’s units (GSM-7 extension characters count twice).' }),
    segments: t.exposeInt('segments', { description: 'How many SMS parts.' }),
    charactersPerSegment: t.exposeInt('charactersPerSegment', { description: 'How many units fit in each part (160/153 or 70/67).' }),
  }),
});

builder.queryField('estimate', (t) =>
  t.field({
    type: BodyEstimate,
    description: `The encoding and part count of a body, to show before sending. Bodies over ${MAX_BODY_LENGTH} characters are refused by send.`,
    authScopes: { authenticated: true },
    args: { body: t.arg.string({ required: true, description: 'The text to measure.' }) },
    resolve: (_root, args) => estimateBody(args.body),
  }),
);
