import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmptyPostgresDatabase, onPostgres } from './database.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Where a spawned Switchboard keeps its data: a fresh PGlite folder, or a fresh PostgreSQL database. */
export async function freshStore(): Promise<{ env: NodeJS.ProcessEnv; cleanup: () => Promise<void> }> {
  if (onPostgres) {
    const { url, drop } = await createEmptyPostgresDatabase();
    return { env: { DATABASE_URL: url }, cleanup: drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-data-'));
  return { env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

function baseEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'TEST_DATABASE_URL', 'NODE_OPTIONS', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID']) delete env[name];
  return { ...env, HOST: '127.0.0.1', PORT: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...extra };
}

export interface RunningProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export function run(script: 'src/main.ts' | 'src/cli.ts', args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env: baseEnv(env) });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Starts the server as `npm start` does and waits for its "listening" line. */
export async function startServerProcess(env: NodeJS.ProcessEnv, timeoutMs = 45_000) {
  const proc = run('src/main.ts', [], env);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const port = /listening on http:\/\/localhost:(\d+)\/graphql/.exec(proc.stdout())?.[1];
    if (port) return { ...proc, url: `http://127.0.0.1:${port}` };
    const code = proc.child.exitCode;
    if (code !== null || Date.now() > deadline) {
      proc.child.kill('SIGKILL');
      throw new Error(`server did not start (exit ${code}):\n${proc.stdout()}\n${proc.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const printedKeys = (output: string) => [...output.matchAll(/API key: (sb_[0-9A-Za-z]+)/g)].map((m) => m[1]!);
