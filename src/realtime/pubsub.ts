import { createPubSub } from 'graphql-yoga';
import type { ApiKeyEvent } from '../domain/api-keys/events.js';

/** Every topic Switchboard publishes on; payloads are plain JSON so a Redis event target can carry them. */
export type Topics = {
  /** Key changes of one account, for the apiKeyChanged subscription. */
  apiKeyChanged: [accountId: string, event: ApiKeyEvent];
  /** A key can no longer be used: sockets it opened must close. */
  apiKeyRevoked: [event: { apiKeyId: string }];
};

export const createSwitchboardPubSub = () => createPubSub<Topics>();

export type PubSub = ReturnType<typeof createSwitchboardPubSub>;
