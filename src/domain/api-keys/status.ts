import type { ApiKeyRow } from '../../db/schema.js';

export type ApiKeyStatus = 'ACTIVE' | 'ROTATING' | 'EXPIRED' | 'REVOKED';

const time = (timestamp: string) => new Date(timestamp).getTime();

/**
 * A rotated key gets `revoked_at` set to the end of its grace period, so one column says both
 * "still usable until" (ROTATING) and "rejected since" (REVOKED).
 */
export function apiKeyStatus(key: Pick<ApiKeyRow, 'expiresAt' | 'revokedAt'>, now: Date): ApiKeyStatus {
  if (key.revokedAt && time(key.revokedAt) <= now.getTime()) return 'REVOKED';
  if (time(key.expiresAt) <= now.getTime()) return 'EXPIRED';
  if (key.revokedAt) return 'ROTATING';
  return 'ACTIVE';
}

export const isUsable = (status: ApiKeyStatus) => status === 'ACTIVE' || status === 'ROTATING';
