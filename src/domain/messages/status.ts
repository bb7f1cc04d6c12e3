export const MESSAGE_STATUSES = ['SCHEDULED', 'QUEUED', 'SENT', 'DELIVERED', 'FAILED', 'EXPIRED', 'CANCELLED'] as const;

export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

// SCHEDULED -> QUEUED -> SENT -> DELIVERED, with FAILED, EXPIRED and CANCELLED as ends.
const STAGE: Record<MessageStatus, number> = { SCHEDULED: 0, QUEUED: 1, SENT: 2, DELIVERED: 3, FAILED: 3, EXPIRED: 3, CANCELLED: 3 };

export const isFinal = (status: MessageStatus): boolean => STAGE[status] === 3;

/** Statuses only move forward: a late or repeated report is recorded but changes nothing. */
export const movesForward = (from: MessageStatus, to: MessageStatus): boolean => !isFinal(from) && STAGE[to] > STAGE[from];

/** The column that records when a message reached each status. */
export const STATUS_TIMESTAMP = {
  SENT: 'sentAt',
  DELIVERED: 'deliveredAt',
  FAILED: 'failedAt',
  CANCELLED: 'cancelledAt',
  EXPIRED: 'expiredAt',
} as const satisfies Partial<Record<MessageStatus, string>>;
