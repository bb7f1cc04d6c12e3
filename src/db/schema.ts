import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
};

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** ISO 3166 country used to read national phone numbers (e.g. "RO" for 0712…). */
    defaultCountry: text('default_country'),
    ...timestamps,
  },
  (t) => [uniqueIndex('accounts_name_key').on(sql`lower(${t.name})`)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'string' }),
    replacedBy: uuid('replaced_by'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('api_keys_secret_hash_key').on(t.secretHash),
    index('api_keys_account_created_idx').on(t.accountId, t.createdAt, t.id),
  ],
);

export type AccountRow = typeof accounts.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

export const providerConnections = pgTable(
  'provider_connections',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    label: text('label').notNull(),
    priority: integer('priority').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    /** AES-256-GCM sealed JSON of the credentials; never returned by the API. */
    credentialsSealed: text('credentials_sealed'),
    /** The names of the credential fields that are set (shown instead of the values). */
    credentialFields: text('credential_fields').array().notNull().default(sql`'{}'::text[]`),
    /** Overrides the provider's documented URL (emulators, staging). */
    baseUrl: text('base_url'),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    /** Country calling codes this connection is limited to (e.g. ["370"]); empty: every number. */
    countryCodes: text('country_codes').array().notNull().default(sql`'{}'::text[]`),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** Disconnected connections keep their row for the messages that went through them. */
    disconnectedAt: timestamp('disconnected_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [index('provider_connections_account_idx').on(t.accountId, t.priority)],
);

export const webhookReceipts = pgTable(
  'webhook_receipts',
  {
    id: uuid('id').primaryKey(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => providerConnections.id, { onDelete: 'cascade' }),
    /** The provider's identity of this delivery: a replay has the same key and changes nothing. */
    dedupKey: text('dedup_key').notNull(),
    method: text('method').notNull(),
    /** The call as received, with query-string secrets replaced. */
    query: text('query').notNull(),
    body: text('body').notNull(),
    /** How many reports moved a message's status. */
    applied: integer('applied').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('webhook_receipts_dedup_key').on(t.connectionId, t.dedupKey)],
);

export const bulkSends = pgTable('bulk_sends', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  total: integer('total').notNull(),
  accepted: integer('accepted').notNull(),
  rejected: integer('rejected').notNull(),
  ...timestamps,
});

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id').references(() => providerConnections.id),
    bulkId: uuid('bulk_id').references(() => bulkSends.id),
    providerMessageId: text('provider_message_id'),
    to: text('to').notNull(),
    sender: text('sender'),
    body: text('body').notNull(),
    encoding: text('encoding').notNull(),
    segments: integer('segments').notNull(),
    status: text('status').notNull(),
    scheduledAt: at('scheduled_at'),
    /** When the dispatcher should next try; null once handed over or finished. */
    nextAttemptAt: at('next_attempt_at'),
    /** A claim by a dispatcher: until then no other instance takes the row. */
    leaseExpiresAt: at('lease_expires_at'),
    attempts: integer('attempts').notNull().default(0),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    idempotencyKey: text('idempotency_key'),
    /** A one-time code: sent with the provider's highest priority. */
    otp: boolean('otp').notNull().default(false),
    /** The caller named the connection (providerId): never re-routed elsewhere. */
    providerPinned: boolean('provider_pinned').notNull().default(false),
    /** When the poller next asks the provider for this message's status; null: not polled. */
    nextPollAt: at('next_poll_at'),
    polls: integer('polls').notNull().default(0),
    sentAt: at('sent_at'),
    deliveredAt: at('delivered_at'),
    failedAt: at('failed_at'),
    cancelledAt: at('cancelled_at'),
    expiredAt: at('expired_at'),
    ...timestamps,
  },
  (t) => [
    index('messages_account_created_idx').on(t.accountId, t.createdAt, t.id),
    index('messages_account_scheduled_idx').on(t.accountId, t.scheduledAt, t.id),
    index('messages_bulk_idx').on(t.bulkId, t.status),
    index('messages_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.nextAttemptAt} is not null`),
    index('messages_provider_message_idx').on(t.connectionId, t.providerMessageId),
    index('messages_poll_idx')
      .on(t.nextPollAt)
      .where(sql`${t.nextPollAt} is not null`),
  ],
);

/** Each hand-over to a provider: which connection, when, and what it answered. */
export const messageAttempts = pgTable(
  'message_attempts',
  {
    id: uuid('id').primaryKey(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id').references(() => providerConnections.id),
    at: at('at').notNull(),
    succeeded: boolean('succeeded').notNull(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    providerStatus: text('provider_status'),
    ...timestamps,
  },
  (t) => [index('message_attempts_message_idx').on(t.messageId, t.at, t.id)],
);

export const messageEvents = pgTable(
  'message_events',
  {
    id: uuid('id').primaryKey(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    /** The provider's own status code or text, as received. */
    providerStatus: text('provider_status'),
    /** Whether this event moved the message's status (a late or repeated one does not). */
    applied: boolean('applied').notNull(),
    at: at('at').notNull(),
    ...timestamps,
  },
  (t) => [index('message_events_message_idx').on(t.messageId, t.at, t.id)],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    operation: text('operation').notNull(),
    requestHash: text('request_hash').notNull(),
    /** The ID of what the first request made (a message or a bulk send). */
    resultId: uuid('result_id'),
    expiresAt: at('expires_at').notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.accountId, t.key] })],
);

export type ProviderConnectionRow = typeof providerConnections.$inferSelect;
export type WebhookReceiptRow = typeof webhookReceipts.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type MessageEventRow = typeof messageEvents.$inferSelect;
export type MessageAttemptRow = typeof messageAttempts.$inferSelect;
export type BulkSendRow = typeof bulkSends.$inferSelect;
