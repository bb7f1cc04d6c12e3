// npm run bench: Switchboard against a bare node:http + pg baseline, side by side in one run,
// on PostgreSQL (BENCH_DATABASE_URL, default: the local server's "test" database, in a new
// database created and dropped here). Prints ratios; the machine is whatever runs it.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import pg from 'pg';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { connectPostgres } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createAccount } from '../src/domain/accounts/create.js';
import { createLogger } from '../src/logger.js';
import { createSwitchboardServer } from '../src/server.js';
import { startServices } from '../src/services.js';

const ROWS = 100_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = 8;
const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withAdmin(sql: string) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/** Requests per second of `request` with CONCURRENCY loops for `ms`. */
async function throughput(request: () => Promise<void>, ms: number): Promise<number> {
  const until = Date.now() + ms;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        await request();
        done++;
      }
    }),
  );
  return (done * 1000) / ms;
}

/**
 * Requests per second of each variant, measured in alternating one-second slices for SECONDS
 * each, so drift on a shared machine (other processes, PostgreSQL's own work) hits all alike.
 */
async function compare<K extends string>(variants: Record<K, () => Promise<void>>): Promise<Record<K, number>> {
  const totals = Object.fromEntries(Object.keys(variants).map((k) => [k, 0])) as Record<K, number>;
  for (let round = 0; round < SECONDS; round++) {
    for (const [name, request] of Object.entries(variants) as Array<[K, () => Promise<void>]>) totals[name] += await throughput(request, 1000);
  }
  for (const name of Object.keys(totals) as K[]) totals[name] /= SECONDS;
  return totals;
}

async function main() {
  const name = `switchboard_bench_${process.pid}`;
  await withAdmin(`create database ${name}`);
  const url = Object.assign(new URL(baseUrl), { pathname: `/${name}` }).toString();
  const database = connectPostgres(url, 10);
  try {
    await migrate(database);
    const created = await createAccount(database.db, systemClock, 'Bench');
    if (!created.ok) throw new Error('could not create the bench account');
    const { account, adminKey } = created;
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // Dropping the database at the end cuts idle connections: not an error here.
    pool.on('error', () => {});
    await pool.query(
      `insert into messages (id, account_id, "to", body, encoding, segments, status, created_at)
       select gen_random_uuid(), $1, '+4071' || lpad(i::text, 7, '0'), 'Bench message ' || i, 'GSM7', 1, 'DELIVERED',
              timestamptz '2026-01-01' + i * interval '1 second'
       from generate_series(1, $2) as i`,
      [account.id, ROWS],
    );
    await pool.query('analyze messages');

    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'error', LOG_FORMAT: 'json', CREDENTIALS_KEY: randomBytes(32).toString('base64') });
    const app = await startServices({ database, clock: systemClock, log: createLogger(config), sandboxDeliveryDelayMs: 50, publicUrl: () => 'http://127.0.0.1', credentialsKey: config.credentialsKey.key });
    const server = createSwitchboardServer({ config, database, services: app.services });
    const port = await server.listen(0, '127.0.0.1');

    // The baseline: the same keyset query and the same fields, as JSON, with nothing in between.
    const baseline = createServer(async (req, res) => {
      const after = new URL(req.url!, 'http://x').searchParams.get('after');
      const { rows } = await pool.query(
        `select id, "to", body, status, created_at from messages where account_id = $1
         and ($2::timestamptz is null or (created_at, id) < ($2::timestamptz, $3::uuid))
         order by created_at desc, id desc limit 50`,
        [account.id, after ? after.split('|')[0] : null, after ? after.split('|')[1] : null],
      );
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: rows }));
    });
    await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
    const baselinePort = (baseline.address() as AddressInfo).port;

    const query = 'query($after: String) { viewer { account { messages(first: 50, after: $after) { edges { node { id to body status createdAt } } } } } }';
    const graphql = (after: string | null) => async () => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': adminKey.secret },
        body: JSON.stringify({ query, variables: { after } }),
      });
      const body = (await res.json()) as { data?: { viewer: { account: { messages: { edges: unknown[] } } } } };
      if (body.data?.viewer.account.messages.edges.length !== 50) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 200)}`);
    };
    const raw = async () => void (await (await fetch(`http://127.0.0.1:${baselinePort}/`)).json());

    // The 90,000th row, newest first, as a cursor: the deep page starts after it.
    const { rows: [deep] } = await pool.query(
      'select id, created_at::text as at from messages where account_id = $1 order by created_at desc, id desc offset 89999 limit 1',
      [account.id],
    );
    const deepCursor = Buffer.from(JSON.stringify([deep.at, deep.id])).toString('base64url');

    await compare({ first: graphql(null), deep: graphql(deepCursor), raw }); // warm-up
    const { first: switchboardRps, deep: deepRps, raw: baselineRps } = await compare({ first: graphql(null), deep: graphql(deepCursor), raw });

    const bulkItems = Array.from({ length: 10_000 }, (_, i) => ({ to: `+4072${String(i).padStart(7, '0')}` }));
    const started = Date.now();
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': adminKey.secret },
      body: JSON.stringify({
        query: 'mutation($input: SendBulkInput!) { sendBulk(input: $input) { bulk { id accepted } userErrors { message } } }',
        variables: { input: { body: 'Bulk bench', messages: bulkItems } },
      }),
    });
    const bulk = ((await res.json()) as { data: { sendBulk: { bulk: { id: string; accepted: number } } } }).data.sendBulk.bulk;
    const accepted = Date.now() - started;
    const bulkId = Buffer.from(bulk.id, 'base64').toString().split(':')[1];
    for (;;) {
      const { rows } = await pool.query(`select count(*)::int as n from messages where bulk_id = $1 and status in ('QUEUED', 'SCHEDULED')`, [bulkId]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const allSent = Date.now() - started;

    console.log(`Switchboard benchmark — ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, PostgreSQL, ${ROWS.toLocaleString('en')} messages`);
    console.table({
      'messages(first: 50), req/s': { switchboard: Math.round(switchboardRps), baseline: Math.round(baselineRps), ratio: +(switchboardRps / baselineRps).toFixed(2), aim: '≥ 0.35' },
      'page after row 90,000 ÷ first page (time)': { switchboard: Math.round(deepRps), baseline: Math.round(switchboardRps), ratio: +(switchboardRps / deepRps).toFixed(2), aim: '≤ 1.1' },
      'sendBulk 10,000: mutation returned (ms)': { switchboard: accepted, baseline: '', ratio: '', aim: '' },
      'sendBulk 10,000: all SENT (ms)': { switchboard: allSent, baseline: '', ratio: '', aim: '' },
    });

    await server.close();
    await app.stop();
    await new Promise((resolve) => baseline.close(resolve));
    await pool.end();
  } finally {
    await database.close();
    await withAdmin(`drop database if exists ${name} with (force)`);
  }
}

await main();
