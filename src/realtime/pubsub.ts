import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
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

export type PubSub = ReturnType<typeof createPubSub<Topics>>;

/**
 * In memory for one instance; with a Redis URL, every event goes through Redis, so a subscriber
 * on one instance sees what another applied (a webhook, a dispatch, a revoked key).
 */
export function createSwitchboardPubSub(redisUrl?: string, onError: (error: Error) => void = () => {}): { pubsub: PubSub; close: () => Promise<void> } {
  if (!redisUrl) return { pubsub: createPubSub<Topics>(), close: async () => {} };
  // A subscribed Redis connection can only subscribe: publishing needs a second one. Both
  // reconnect by themselves; meanwhile the error is logged, not thrown.
  const publishClient = new Redis(redisUrl, { maxRetriesPerRequest: 3 }).on('error', onError);
  const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: 3 }).on('error', onError);
  const pubsub = createPubSub<Topics>({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
  return {
    pubsub,
    close: async () => {
      await Promise.all([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
