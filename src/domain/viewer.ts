import type { AccountRow } from '../db/schema.js';
import type { Scope } from './api-keys/scopes.js';

/** Who is calling: the account and the API key the request authenticated with. */
export interface Viewer {
  accountId: string;
  /** Read with the key in one query; on a WebSocket it is as of the connection. */
  account: AccountRow;
  apiKeyId: string;
  scopes: readonly Scope[];
}

export const hasScope = (viewer: Viewer | null, scope: Scope): boolean => Boolean(viewer?.scopes.includes(scope));
