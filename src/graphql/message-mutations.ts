import { cancelBulk, cancelMessage } from '../domain/messages/cancel.js';
import { sendMessage } from '../domain/messages/send.js';
import type { UserError } from '../domain/result.js';
import type { MessageRow } from '../db/schema.js';
import { builder } from './builder.js';
import { parseGlobalId } from './global-id.js';
import { MessageRef } from './message.js';
import { userErrorsField } from './user-error.js';

type SendPayload = { message: MessageRow | null; userErrors: UserError[] };

builder.relayMutationField(
  'send',
  {
    description: 'One message to one number.',
    inputFields: (t) => ({
      to: t.string({ required: true, description: 'The recipient: E.164 (+40712345678), 00-prefixed, or national if the account has a default country.' }),
      body: t.string({ required: true, description: 'The text, 1 to 1600 characters.' }),
      sender: t.string({ description: 'The sender ID or number to show, up to 15 characters, where the provider allows it.' }),
      sendAt: t.field({ type: 'DateTime', description: 'Send later: a time in the future, at most one year ahead.' }),
      idempotencyKey: t.string({
        description: 'Any string unique to this request (up to 255 characters): repeating it within 24 hours returns the first message instead of sending again.',
      }),
      providerId: t.id({ description: 'The provider connection to send through; without it, the account’s first enabled connection by priority.' }),
      otp: t.boolean({ description: 'A one-time code: sent with the provider’s highest priority where it has one (BrandSMS). Use only for authentication.' }),
    }),
  },
  {
    description: 'Accepts a message for sending (or for `sendAt`) and returns it with its status. Needs `messages:send`.',
    authScopes: { scope: 'messages:send' },
    nullable: true,
    resolve: async (_root, { input }, context): Promise<SendPayload> => {
      const providerId = input.providerId ? parseGlobalId(String(input.providerId), 'ProviderConnection', ['input', 'providerId']) : undefined;
      if (providerId && !providerId.ok) return { message: null, userErrors: providerId.errors };
      const result = await sendMessage(context.db, context.clock, context.viewer!, { ...input, providerId: providerId?.id });
      if (!result.ok) return { message: null, userErrors: result.errors };
      if (result.created) context.messages.accepted([result.message]);
      return { message: result.message, userErrors: [] };
    },
  },
  {
    description: 'The result of `send`.',
    outputFields: (t) => ({
      message: t.field({ type: MessageRef, nullable: true, description: 'The accepted message; null if the input was refused.', resolve: (p: SendPayload) => p.message }),
      userErrors: t.field(userErrorsField()),
    }),
  },
);

type CancelPayload = { messages: MessageRow[]; userErrors: UserError[] };

builder.relayMutationField(
  'cancel',
  {
    description: 'What to cancel: one message (`id`) or every cancellable message of a bulk send (`bulkId`).',
    inputFields: (t) => ({
      id: t.id({ description: 'A message’s ID.' }),
      bulkId: t.id({ description: 'A bulk send’s ID.' }),
    }),
  },
  {
    description: 'Cancels messages not yet handed to a provider (SCHEDULED or QUEUED). Needs `messages:send`.',
    authScopes: { scope: 'messages:send' },
    nullable: true,
    resolve: async (_root, { input }, context): Promise<CancelPayload> => {
      if ((input.id == null) === (input.bulkId == null)) {
        return { messages: [], userErrors: [{ field: ['input'], code: 'INVALID_VALUE', message: 'give exactly one of `id` or `bulkId`' }] };
      }
      const target = input.id != null ? parseGlobalId(String(input.id), 'Message', ['input', 'id']) : parseGlobalId(String(input.bulkId), 'BulkSend', ['input', 'bulkId']);
      if (!target.ok) return { messages: [], userErrors: target.errors };
      const result = input.id != null
        ? await cancelMessage(context.db, context.clock, context.viewer!, target.id, context.providers.cancelAtProvider)
        : await cancelBulk(context.db, context.clock, context.viewer!, target.id, context.providers.cancelAtProvider);
      if (!result.ok) return { messages: [], userErrors: result.errors };
      context.messages.changed(result.changes);
      return { messages: result.changes.map((change) => change.message), userErrors: [] };
    },
  },
  {
    description: 'The result of `cancel`.',
    outputFields: (t) => ({
      messages: t.field({ type: [MessageRef], description: 'The messages cancelled, now CANCELLED.', resolve: (p: CancelPayload) => p.messages }),
      userErrors: t.field(userErrorsField('Why nothing was cancelled; empty on success.')),
    }),
  },
);
