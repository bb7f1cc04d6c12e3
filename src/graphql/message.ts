import { findEventsByMessageIds, findMessagesByIds } from '../domain/messages/store.js';
import { MESSAGE_STATUSES, type MessageStatus } from '../domain/messages/status.js';
import { isUuid } from '../db/ids.js';
import type { MessageEventRow, MessageRow } from '../db/schema.js';
import { builder } from './builder.js';
import { ProviderConnectionRef } from './provider-connection.js';

const STATUS_DESCRIPTIONS: Record<MessageStatus, string> = {
  SCHEDULED: 'Accepted, waiting for its `scheduledAt`.',
  QUEUED: 'Accepted and due: waiting to be handed to a provider.',
  SENT: 'Handed to the provider, which accepted it.',
  DELIVERED: 'The provider reported delivery to the handset. Final.',
  FAILED: 'The provider refused it or reported it undeliverable, or every attempt failed. Final.',
  EXPIRED: 'The provider gave up delivering it in time. Final.',
  CANCELLED: 'Cancelled before it was handed to a provider. Final.',
};

export const MessageStatusEnum = builder.enumType('MessageStatus', {
  description: 'Where a message is. It only moves forward: SCHEDULED → QUEUED → SENT → DELIVERED, or to one of the final FAILED, EXPIRED, CANCELLED.',
  values: Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, { description: STATUS_DESCRIPTIONS[s] }])) as Record<MessageStatus, { description: string }>,
});

export const EncodingEnum = builder.enumType('Encoding', {
  description: 'How the body travels: GSM-7 (160 characters, 153 per part) unless a character needs UCS-2 (70, 67 per part).',
  values: {
    GSM7: { description: 'The GSM 03.38 7-bit alphabet; extension characters such as € count twice.' },
    UCS2: { description: 'UTF-16, for any character outside GSM-7.' },
  } as const,
});

const MessageEventRef = builder.objectRef<MessageEventRow>('MessageEvent').implement({
  description: 'One entry of a message’s status history, as reported.',
  fields: (t) => ({
    status: t.field({ type: MessageStatusEnum, description: 'The status reported.', resolve: (e) => e.status as MessageStatus }),
    at: t.expose('at', { type: 'DateTime', description: 'When it happened.' }),
    providerStatus: t.exposeString('providerStatus', { nullable: true, description: 'The provider’s own code or text, as received.' }),
    applied: t.exposeBoolean('applied', { description: 'False for a late or repeated report, which did not move the status.' }),
  }),
});

const MessageErrorRef = builder.objectRef<{ code: string; message: string }>('MessageError').implement({
  description: 'Why a message failed, or why its last attempt did.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'A stable code, e.g. INVALID_PHONE_NUMBER or PROVIDER_UNAVAILABLE.' }),
    message: t.exposeString('message', { description: 'What went wrong, in words.' }),
  }),
});

const time = (description: string) => ({ type: 'DateTime' as const, nullable: true as const, description });

export const MessageRef = builder.loadableNode('Message', {
  description: 'One SMS to one number, and everything known about its way there.',
  authScopes: { scope: 'messages:read' },
  id: { resolve: (message: MessageRow) => message.id },
  load: (ids: string[], context) =>
    context.viewer ? findMessagesByIds(context.db, context.viewer.accountId, ids.filter(isUuid)) : Promise.resolve([]),
  sort: (message) => message.id,
  fields: (t) => ({
    to: t.exposeString('to', { description: 'The recipient, in E.164.' }),
    sender: t.exposeString('sender', { nullable: true, description: 'The sender ID or number shown to the recipient, if set.' }),
    body: t.exposeString('body', { description: 'The text.' }),
    encoding: t.field({ type: EncodingEnum, description: 'How the body is encoded.', resolve: (m) => m.encoding as 'GSM7' | 'UCS2' }),
    segments: t.exposeInt('segments', { description: 'How many SMS parts the body takes.' }),
    status: t.field({ type: MessageStatusEnum, description: 'Where the message is now.', resolve: (m) => m.status as MessageStatus }),
    scheduledAt: t.expose('scheduledAt', time('When it is to be sent, for a scheduled message.')),
    sentAt: t.expose('sentAt', time('When the provider accepted it.')),
    deliveredAt: t.expose('deliveredAt', time('When delivery was reported.')),
    failedAt: t.expose('failedAt', time('When it failed.')),
    cancelledAt: t.expose('cancelledAt', time('When it was cancelled.')),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When Switchboard accepted it.' }),
    error: t.field({
      type: MessageErrorRef,
      nullable: true,
      description: 'Why it failed, or why the last attempt did while it is retried.',
      resolve: (m) => (m.errorCode ? { code: m.errorCode, message: m.errorMessage ?? '' } : null),
    }),
    providerMessageId: t.exposeString('providerMessageId', { nullable: true, description: 'The provider’s ID for it, once sent.' }),
    provider: t.field({
      type: ProviderConnectionRef,
      nullable: true,
      description: 'The connection it goes through, once known.',
      resolve: (m) => m.connectionId,
    }),
    events: t.loadableList({
      type: MessageEventRef,
      description: 'The status history, oldest first, including reports that did not move the status.',
      // Batched but not memoised: a subscription keeps one context, and the history grows under it.
      loaderOptions: { cache: false },
      load: async (ids: string[], context) => {
        const events = await findEventsByMessageIds(context.db, ids);
        return ids.map((id) => events.filter((event) => event.messageId === id));
      },
      resolve: (m) => m.id,
    }),
  }),
});
