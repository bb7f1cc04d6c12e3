import type { ApiKeyEvent } from '../domain/api-keys/events.js';
import type { PubSub } from './pubsub.js';

/** Tells subscribers of the account, and closes sockets at once when a key stops working now. */
export function announceApiKeyChange(pubsub: PubSub, event: ApiKeyEvent, now: Date): void {
  pubsub.publish('apiKeyChanged', event.apiKey.accountId, event);
  const revokedNow = event.apiKey.revokedAt !== null && new Date(event.apiKey.revokedAt).getTime() <= now.getTime();
  if (revokedNow) pubsub.publish('apiKeyRevoked', { apiKeyId: event.apiKey.id });
}
