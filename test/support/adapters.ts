import type { OutboundMessage, ProviderResult, SendOutcome } from '../../src/providers/adapter.js';

let nextId = 0;

/** A message as the dispatcher hands it to an adapter. */
export function outboundMessage(to: string, overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  nextId += 1;
  return { id: `msg_${nextId}`, to, sender: 'Shop', body: 'Your order shipped', sendAt: null, otp: false, ...overrides };
}

export const errorOf = (outcome: SendOutcome | ProviderResult<object> | undefined) => (outcome && !outcome.ok ? outcome.error : undefined);

export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
