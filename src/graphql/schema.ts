import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './user-error.js';
import './account.js';
import './api-key.js';
import './api-key-mutations.js';
import './api-key-subscription.js';
import './viewer.js';
import './provider-connection.js';
import './provider-connection-mutations.js';
import './message.js';
import './message-attempts.js';
import './package.js';
import './message-queries.js';
import './message-mutations.js';
import './message-subscription.js';
import './bulk-send.js';
import './bulk-send-operations.js';

export const schema = builder.toSchema();

/** The schema as committed in schema.graphql: sorted, so a diff shows only real changes. */
export const printedSchema = (): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
