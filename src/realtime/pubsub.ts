import { createPubSub } from 'graphql-yoga';
import type { ApiKeyEvent } from '../domain/api-keys/events.js';
import type { MessageStatusEvent } from './message-events.js';

/** Every topic Switchboard publishes on; payloads are plain JSON so a Redis event target can carry them. */
export type Topics = {
  /** Key changes of one account, for the apiKeyChanged subscription. */
  apiKeyChanged: [accountId: string, event: ApiKeyEvent];
  /** A key can no longer be used: sockets it opened must close. */
  apiKeyRevoked: [event: { apiKeyId: string }];
  /** Every status change of one account's messages. */
  messageStatusChanged: [accountId: string, event: MessageStatusEvent];
};

export const createSwitchboardPubSub = () => createPubSub<Topics>();

export type PubSub = ReturnType<typeof createSwitchboardPubSub>;
