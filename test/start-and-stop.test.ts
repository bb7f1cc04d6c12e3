import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { onPostgres } from './support/database.js';
import { freshStore, printedKeys, run, startServerProcess } from './support/process.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const viewerName = async (url: string, key: string) => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ query: '{ viewer { account { name } } }' }),
  });
  return { status: res.status, body: (await res.json()) as { data?: { viewer: { account: { name: string } } } } };
};

describe('npm start on a fresh store', () => {
  it('prints one admin key on the first start only, serves it, and stops cleanly on SIGTERM', { timeout: 120_000 }, async () => {
    const store = await freshStore();
    cleanups.push(store.cleanup);

    const first = await startServerProcess(store.env);
    cleanups.push(async () => first.child.kill('SIGKILL'));
    const keys = printedKeys(first.stdout());
    expect(keys).toHaveLength(1);
    // The secret is printed to the console once, never into the (JSON) log.
    const logLines = first.stdout().split('\n').filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.some((line) => line.includes(keys[0]!))).toBe(false);
    expect(await viewerName(first.url, keys[0]!)).toEqual({ status: 200, body: { data: { viewer: { account: { name: 'Default account' } } } } });
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${first.url}/readyz`)).json()).toEqual({ status: 'ready' });

    // An open subscription socket is closed by the shutdown, and the process exits 0.
    let closeCode = 0;
    const client = createClient({
      url: first.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { apiKey: keys[0] },
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => {},
      on: { closed: (event) => (closeCode = (event as { code: number }).code) },
    });
    client.subscribe({ query: 'subscription { apiKeyChanged { change } }' }, { next: () => {}, error: () => {}, complete: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 500));
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stderr()).toBe('');
    expect(closeCode).toBe(1001);
    expect(first.stdout()).toContain('stopped');
    await client.dispose();

    const second = await startServerProcess(store.env);
    cleanups.push(async () => second.child.kill('SIGKILL'));
    expect(printedKeys(second.stdout())).toEqual([]);
    expect((await viewerName(second.url, keys[0]!)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

describe('configuration', () => {
  it('refuses a bad value with one line naming the variable and the rule', { timeout: 60_000 }, async () => {
    for (const [env, pattern] of [
      [{ PORT: 'abc' }, /^Invalid configuration: PORT must be a whole number between 0 and 65535 \(got "abc"\)$/],
      [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
      [{ PORT: '70000' }, /^Invalid configuration: PORT must be between 0 and 65535 \(got "70000"\)$/],
    ] as const) {
      const proc = run('src/main.ts', [], env);
      expect(await proc.exited).toBe(1);
      expect(proc.stderr().trim().split('\n')).toEqual([expect.stringMatching(pattern)]);
    }
  });
});

describe('the operator CLI', () => {
  it('creates accounts and admin keys that the server accepts', { timeout: 120_000 }, async () => {
    const store = await freshStore();
    cleanups.push(store.cleanup);
    const name = `Acme ${Date.now()}`;

    const created = run('src/cli.ts', ['account', 'create', '--name', name], store.env);
    expect(await created.exited).toBe(0);
    const [accountKey] = printedKeys(created.stdout());
    const duplicate = run('src/cli.ts', ['account', 'create', '--name', name], store.env);
    expect(await duplicate.exited).toBe(1);
    expect(duplicate.stderr()).toContain('already exists');
    const unknown = run('src/cli.ts', ['key', 'create', '--account', 'Nobody Ltd'], store.env);
    expect(await unknown.exited).toBe(1);
    expect(unknown.stderr()).toContain('no account has the id or name "Nobody Ltd"');

    const server = await startServerProcess(store.env);
    cleanups.push(async () => server.child.kill('SIGKILL'));
    expect((await viewerName(server.url, accountKey!)).body.data!.viewer.account.name).toBe(name);

    const extra = run('src/cli.ts', ['key', 'create', '--account', name], store.env);
    if (onPostgres) {
      // On PostgreSQL the CLI works beside the running server, whose next request accepts the key.
      expect(await extra.exited).toBe(0);
      expect((await viewerName(server.url, printedKeys(extra.stdout())[0]!)).status).toBe(200);
    } else {
      // One PGlite folder, one process: the CLI says so instead of corrupting it.
      expect(await extra.exited).toBe(1);
      expect(extra.stderr()).toMatch(/in use by another Switchboard process/);
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
