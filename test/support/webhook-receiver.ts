import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderAdapter, WebhookParse, WebhookRequest } from '../../src/providers/adapter.js';

/**
 * Receives an emulator's status calls and feeds each to the adapter under test, as the webhook
 * route would: 200 when it parses, `refusedStatus` when not, or what `answerFor` says (to make
 * the emulator retry).
 */
export async function startWebhookReceiver(path: string, refusedStatus: number) {
  const receiver = {
    url: '',
    adapter: null as ProviderAdapter | null,
    requests: [] as WebhookRequest[],
    parsed: [] as WebhookParse[],
    answerFor: null as ((request: WebhookRequest) => number | undefined) | null,
    reset() {
      Object.assign(receiver, { adapter: null, requests: [], parsed: [], answerFor: null });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
      const request: WebhookRequest = { method: req.method ?? 'GET', headers, query: new URL(req.url ?? '/', 'http://receiver').searchParams, rawBody: Buffer.concat(chunks) };
      const result = receiver.adapter!.parseWebhook(request);
      receiver.requests.push(request);
      receiver.parsed.push(result);
      res.writeHead(receiver.answerFor?.(request) ?? (result.ok ? 200 : refusedStatus)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return receiver;
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
