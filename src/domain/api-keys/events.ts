import type { ApiKeyRow } from '../../db/schema.js';

export type ApiKeyChange = 'CREATED' | 'ROTATED' | 'REVOKED';

/** Published after a key changes, so open sockets of a revoked key can be closed at once. */
export interface ApiKeyEvent {
  change: ApiKeyChange;
  apiKey: ApiKeyRow;
  /** The key issued by a rotation. */
  replacement?: ApiKeyRow;
}
