import { createHmac } from 'node:crypto';
import { graphql } from '../gql/index.js';
import type { ConnectProviderInput, ProviderKind } from '../gql/graphql.js';
import type { TestServer } from './server.js';

const ConnectForTest = graphql(`
  mutation ConnectForTest($input: ConnectProviderInput!) {
    connectProvider(input: $input) { provider { id webhookUrl } userErrors { field message code } }
  }
`);

/** Connects a provider through the API and returns its global ID, raw ID and webhook URL. */
export async function connectForTest(server: TestServer, key: string, input: ConnectProviderInput) {
  const { body } = await server.graphql(ConnectForTest, { input }, { key });
  const payload = body.data?.connectProvider;
  if (!payload?.provider) throw new Error(`connectProvider refused: ${JSON.stringify(payload?.userErrors ?? body.errors)}`);
  const rawId = Buffer.from(payload.provider.id, 'base64').toString('utf8').split(':')[1]!;
  return { id: payload.provider.id, rawId, webhookUrl: payload.provider.webhookUrl! };
}

/** The providers that call Switchboard back. */
export type WebhookKind = Extract<ProviderKind, 'LIGHTNINGMSG' | 'SMSPROVIDER' | 'BRANDSMS'>;

export interface ForgedCall {
  method: 'GET' | 'POST';
  /** Appended to the webhook URL (a query string), or empty. */
  query: string;
  headers: Record<string, string>;
  body?: string;
}

/** How to make a genuine status call for each provider, from its document. */
export const genuineCall: Record<WebhookKind, (credentials: Record<string, unknown>, providerMessageId: string, status: 'SENT' | 'DELIVERED', stamp: number) => ForgedCall> = {
  LIGHTNINGMSG: (credentials, id, _status, stamp) => ({
    method: 'POST',
    query: '',
    headers: { 'content-type': 'application/json', ...(credentials.webhookHeaders as Record<string, string>) },
    // LightningMSG reports `sent` (and `cancelled`) only.
    body: JSON.stringify({ sms_id: id, status: 'sent', timestamp: new Date(stamp).toISOString() }),
  }),
  SMSPROVIDER: (credentials, id, status, stamp) => {
    const body = JSON.stringify({
      event: status === 'DELIVERED' ? 'message.delivered' : 'message.sent',
      message_id: id,
      to: '+40712345678',
      status: status.toLowerCase(),
      delivered_at: new Date(stamp).toISOString(),
      timestamp: Math.floor(stamp / 1000),
    });
    const signature = createHmac('sha256', String(credentials.webhookSecret)).update(body).digest('hex');
    return { method: 'POST', query: '', headers: { 'content-type': 'application/json', 'x-smsprovider-signature': signature }, body };
  },
  BRANDSMS: (credentials, id, status, stamp) => {
    const date = new Date(stamp).toISOString().slice(0, 19).replace('T', ' ');
    const query = new URLSearchParams({ key: String(credentials.callbackKey), smsID: id, number: '40712345678', statusID: status === 'DELIVERED' ? '1' : '0', date });
    return { method: 'GET', query: `?${query}`, headers: {} };
  },
};

export async function callWebhook(webhookUrl: string, call: ForgedCall): Promise<number> {
  const res = await fetch(`${webhookUrl}${call.query}`, { method: call.method, headers: call.headers, body: call.body });
  await res.text();
  return res.status;
}
