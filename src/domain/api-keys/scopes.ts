export const SCOPES = ['messages:read', 'messages:send', 'keys:manage', 'providers:manage'] as const;

export type Scope = (typeof SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'messages:read': 'Read messages, bulk sends, their status history, and subscribe to status changes.',
  'messages:send': 'Send, schedule and cancel messages.',
  'keys:manage': 'List, create, rotate and revoke the account’s API keys.',
  'providers:manage': 'Connect, update and disconnect provider connections, and read packages and balances.',
};

export const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);
