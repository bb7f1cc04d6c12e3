import type { StatusChange } from '../domain/messages/apply-status.js';
import type { PubSub } from './pubsub.js';

/** A status change, as subscribers receive it: the first event of a message has no previous status. */
export type MessageStatusEvent = Omit<StatusChange, 'previousStatus'> & { previousStatus: StatusChange['previousStatus'] | null };

export function publishStatusChange(pubsub: PubSub, change: MessageStatusEvent): void {
  pubsub.publish('messageStatusChanged', change.message.accountId, change);
}
