import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let cors: TestServer;
let key: string;

beforeAll(async () => {
  [server, cors] = await Promise.all([startTestServer(), startTestServer({ env: { CORS_ORIGINS: 'https://app.example.com' } })]);
  key = (await server.createAccount()).key;
});
afterAll(async () => {
  await server?.close();
  await cors?.close();
});

describe('operations endpoints', () => {
  it('answer /healthz and /readyz, and send / to GraphiQL', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    const root = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/graphql']);
  });
});

describe('GraphiQL', () => {
  it('loads without a key and without any CDN: its assets are inlined', async () => {
    const res = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Switchboard GraphiQL</title>');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/i);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/i);
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr\.net|esm\.sh/);
  });
});

describe('browser clients', () => {
  const preflight = (origin: string) =>
    fetch(`${cors.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
    });

  it('allow the configured origins, and only those', async () => {
    const allowed = await preflight('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('x-api-key');
    const other = await preflight('https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example.com');
  });

  it('allow no cross-origin browser at all when CORS_ORIGINS is unset', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuse a request a plain HTML form could send (CSRF), but not the same request with the key header', async () => {
    const form = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    });
    expect(form.status).toBe(403);
    const query = encodeURIComponent('{ viewer { account { name } } }');
    expect((await fetch(`${server.url}/graphql?query=${query}`)).status).toBe(403);
    expect((await fetch(`${server.url}/graphql?query=${query}`, { headers: { 'x-api-key': key } })).status).toBe(200);
  });
});
