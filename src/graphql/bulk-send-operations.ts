import { sendBulk } from '../domain/messages/bulk.js';
import type { UserError } from '../domain/result.js';
import type { BulkSendRow } from '../db/schema.js';
import type { MessageStatusEvent } from '../realtime/message-events.js';
import { BulkSendRef } from './bulk-send.js';
import { builder } from './builder.js';
import { parseGlobalId, requireGlobalId } from './global-id.js';
import { userErrorsField } from './user-error.js';

type BulkPayload = { bulk: BulkSendRow | null; userErrors: UserError[] };

const BulkItem = builder.inputType('SendBulkItem', {
  description: 'One message of a bulk send.',
  fields: (t) => ({
    to: t.string({ required: true, description: 'The recipient, as for `send`.' }),
    body: t.string({ description: 'The text; defaults to the bulk send’s `body`.' }),
    sendAt: t.field({ type: 'DateTime', description: 'Send later; defaults to the bulk send’s `sendAt`.' }),
  }),
});

builder.relayMutationField(
  'sendBulk',
  {
    description: 'Up to 10,000 messages; `body` and `sendAt` are defaults for items that omit them.',
    inputFields: (t) => ({
      messages: t.field({ type: [BulkItem], required: true, description: '1 to 10,000 messages.' }),
      body: t.string({ description: 'The text for items without their own.' }),
      sendAt: t.field({ type: 'DateTime', description: 'The send time for items without their own.' }),
      sender: t.string({ description: 'The sender ID or number for every message, up to 15 characters.' }),
      idempotencyKey: t.string({ description: 'Repeating it within 24 hours returns the first bulk send instead of sending again.' }),
      allOrNothing: t.boolean({ description: 'If true, one invalid item refuses the whole request; otherwise valid items are accepted.' }),
      providerId: t.id({ description: 'The provider connection to send every message through; without it, the account’s first enabled connection.' }),
    }),
  },
  {
    description: 'Accepts many messages at once. Invalid items come back as user errors with their index in `field`. Needs `messages:send`.',
    authScopes: { scope: 'messages:send' },
    nullable: true,
    resolve: async (_root, { input }, context): Promise<BulkPayload> => {
      const providerId = input.providerId ? parseGlobalId(String(input.providerId), 'ProviderConnection', ['input', 'providerId']) : undefined;
      if (providerId && !providerId.ok) return { bulk: null, userErrors: providerId.errors };
      const result = await sendBulk(context.db, context.clock, context.viewer!, { ...input, providerId: providerId?.id });
      if (!result.ok) return { bulk: null, userErrors: result.errors };
      if (result.created) context.messages.bulkAccepted(result.bulk);
      return { bulk: result.bulk, userErrors: result.rejected };
    },
  },
  {
    description: 'The result of `sendBulk`.',
    outputFields: (t) => ({
      bulk: t.field({ type: BulkSendRef, nullable: true, description: 'The bulk send; null if nothing was accepted.', resolve: (p: BulkPayload) => p.bulk }),
      userErrors: t.field(userErrorsField('The items refused, each with its index: `["input", "messages", "17", "to"]`.')),
    }),
  },
);

builder.queryField('bulkSend', (t) =>
  t.field({
    type: BulkSendRef,
    nullable: true,
    description: 'One of the account’s bulk sends by ID; null if there is none. Needs `messages:read`.',
    authScopes: { scope: 'messages:read' },
    args: { id: t.arg.id({ required: true, description: 'The bulk send’s ID.' }) },
    resolve: (_root, args) => {
      const id = parseGlobalId(String(args.id), 'BulkSend', ['id']);
      return id.ok ? id.id : null;
    },
  }),
);

/** Yields at most once per interval however many events arrive, so 10,000 messages mean a few updates a second. */
async function* coalesce<T>(source: AsyncIterable<T>, matches: (event: T) => boolean, intervalMs: number) {
  const events = source[Symbol.asyncIterator]();
  let next = events.next();
  for (;;) {
    const first = await next;
    if (first.done) return;
    next = events.next();
    if (!matches(first.value)) continue;
    const quiet = new Promise<'tick'>((resolve) => setTimeout(() => resolve('tick'), intervalMs));
    for (;;) {
      const winner = await Promise.race([quiet, next]);
      if (winner === 'tick') break;
      if (winner.done) return;
      next = events.next();
    }
    yield first.value;
  }
}

builder.subscriptionField('bulkProgress', (t) =>
  t.field({
    type: BulkSendRef,
    description: 'The bulk send each time its counts change (at most a few times a second). Needs `messages:read`.',
    authScopes: { scope: 'messages:read' },
    args: { id: t.arg.id({ required: true, description: 'The bulk send’s ID.' }) },
    subscribe: (_root, args, context) => {
      const bulkId = requireGlobalId(args.id, 'BulkSend', ['id']);
      const source = context.pubsub.subscribe('messageStatusChanged', context.viewer!.accountId);
      return coalesce<MessageStatusEvent>(source, (event) => event.message.bulkId === bulkId, 250);
    },
    resolve: (event) => event.message.bulkId!,
  }),
);
