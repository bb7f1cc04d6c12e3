import type { Scope } from './api-keys/scopes.js';

/** Who is calling: the account and the API key the request authenticated with. */
export interface Viewer {
  accountId: string;
  apiKeyId: string;
  scopes: readonly Scope[];
}

export const hasScope = (viewer: Viewer | null, scope: Scope): boolean => Boolean(viewer?.scopes.includes(scope));
