/**
 * API server benchmark (issue 10), on loopback with autocannon. The server runs in a child process of its own
 * (one Node thread: "one core"), autocannon in this one, so the load generator does not share the server's
 * event loop. Figures:
 * - GET /health, authentication off (target >= 20,000 req/s);
 * - GET /risk/limits with authentication on and a Bearer JWT on every request (target >= 10,000 req/s and
 *   P99 <= 5 ms): a cheap authenticated read, verification included (the issue names GET /portfolio/status,
 *   which does not exist yet); and the same with an API key;
 * - baseline in the same run: a bare node:http server answering the same /health body (the floor);
 * - start to ready: startApiServer() call to listening, and process start to listening (imports included)
 *   (target <= 300 ms); idle RSS after start and after the load (target <= 150 MB).
 * Run: npx tsx bench/api.bench.ts [seconds per run, default 10] [connections, default 10 (autocannon's default)];
 * `npm run bench -- api` runs the compiled build. Throughput on a shared machine depends on what else runs, so
 * each run also reports requests per CPU-second of the server process (its capacity on one core).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

interface AutocannonResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly non2xx: number;
  readonly errors: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface Ready {
  readonly url: string;
  readonly token?: string;
  readonly apiKey?: string;
  readonly startMs?: number;
  readonly processToReadyMs: number;
}

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = Number(process.argv[3] ?? 10);
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';

/** Child mode: start a server (or the bare baseline), print one JSON line, run until SIGTERM. */
async function serve(mode: string): Promise<void> {
  if (mode === 'bare') {
    const body = JSON.stringify({ status: 'ok', checks: {} });
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    report({ url: `http://127.0.0.1:${port}`, processToReadyMs: performance.now() });
    process.once('SIGTERM', () => server.close(() => process.exit(0)));
    return;
  }
  const [{ startApiServer }, { loadConfig }, { openSqliteStore }, { createLogger }] = await Promise.all([
    import('../src/api/index.js'),
    import('../src/config/load-config.js'),
    import('../src/store/sqlite/open-sqlite-store.js'),
    import('../src/app/logger.js'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'nt-api-bench-'));
  const auth = mode === 'auth';
  const loaded = loadConfig({
    env: {
      NT_DATA_DIR: dir,
      ...(auth
        ? { AUTH_ENABLED: 'true', JWT_SECRET_KEY: SECRET, AUTH_USERNAME: 'bench', AUTH_PASSWORD: 'bench-pw' }
        : {}),
    },
    cpuCount: 1,
    readFile: (path) => readFileSync(path, 'utf8'),
  });
  if (!loaded.ok) throw loaded.error;
  const store = openSqliteStore({ path: join(dir, 'neural-trader.db') });
  const started = performance.now();
  const server = await startApiServer({
    config: loaded.value,
    store,
    port: 0,
    logger: createLogger({ level: 'warn', pretty: false }),
    rateLimit: { max: 1_000_000_000, windowMs: 60_000 },
  });
  const ready = performance.now();
  let token: string | undefined;
  let apiKey: string | undefined;
  if (auth) {
    const login = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'bench-pw' }),
    });
    token = ((await login.json()) as { token: string }).token;
    const created = await fetch(`${server.url}/auth/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'bench', role: 'viewer' }),
    });
    apiKey = ((await created.json()) as { key: string }).key;
  }
  report({
    url: server.url,
    ...(token === undefined ? {} : { token }),
    ...(apiKey === undefined ? {} : { apiKey }),
    startMs: ready - started,
    processToReadyMs: ready,
  });
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

function report(ready: Ready): void {
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

/** Starts this script as a server child and waits for its ready line. */
async function child(mode: string): Promise<{ process: ChildProcess; ready: Ready }> {
  const script = fileURLToPath(import.meta.url);
  const args = script.endsWith('.ts') ? ['--import', 'tsx', script] : [script];
  const processHandle = spawn(process.execPath, [...args, '--serve', mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: processHandle.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    processHandle.once('exit', (code) => reject(new Error(`server child exited with ${code}`)));
  });
  return { process: processHandle, ready: JSON.parse(first) as Ready };
}

/** CPU seconds (user + system) the process has used, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface LoadResult extends AutocannonResult {
  /** Requests per second of the server's own CPU time: its capacity on one core, whatever else runs. */
  readonly perCpuSecond: number;
}

async function load(
  pid: number | undefined,
  url: string,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 1 }); // warm-up (JIT, caches)
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  return { ...result, perCpuSecond: result.requests.total / (cpuSeconds(pid) - cpuBefore) };
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const number = (x: number): string => Math.round(x).toLocaleString('en-US');
  const row = (name: string, r: LoadResult, target: string): void => {
    const failed = r.non2xx + r.errors;
    process.stderr.write(`${name}: ${Math.round(r.requests.average)} req/s\n`);
    rows.push(
      `| ${name} | ${number(r.requests.average)} | ${number(r.perCpuSecond)} | ${r.latency.p50} | ${r.latency.p99} | ${failed} | ${target} |`,
    );
  };

  const bare = await child('bare');
  row(
    'baseline: bare node:http, same /health body',
    await load(bare.process.pid, `${bare.ready.url}/health`),
    '',
  );
  bare.process.kill('SIGTERM');

  const open = await child('open');
  await sleep(1_000);
  const idleRss = rssMb(open.process.pid);
  row('GET /health (auth off)', await load(open.process.pid, `${open.ready.url}/health`), '>= 20,000 req/s');
  await sleep(2_000);
  const afterRss = rssMb(open.process.pid);
  open.process.kill('SIGTERM');

  const auth = await child('auth');
  const bearer = { authorization: `Bearer ${auth.ready.token ?? ''}` };
  row(
    'GET /risk/limits, Bearer JWT',
    await load(auth.process.pid, `${auth.ready.url}/risk/limits`, bearer),
    '>= 10,000 req/s, P99 <= 5 ms',
  );
  row(
    'GET /risk/limits, API key',
    await load(auth.process.pid, `${auth.ready.url}/risk/limits`, { 'x-api-key': auth.ready.apiKey ?? '' }),
    '',
  );
  row(
    'GET /auth/verify, Bearer JWT',
    await load(auth.process.pid, `${auth.ready.url}/auth/verify`, bearer),
    '',
  );
  auth.process.kill('SIGTERM');

  // Start-up, repeated in fresh processes (median of 5).
  const starts: { startMs: number; processMs: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const started = await child('open');
    starts.push({ startMs: started.ready.startMs ?? Number.NaN, processMs: started.ready.processToReadyMs });
    started.process.kill('SIGTERM');
  }
  const median = (values: number[]): number => values.sort((a, b) => a - b)[values.length >> 1] as number;

  console.log(`${CONNECTIONS} connections, ${SECONDS} s per run, server in its own process (one thread)\n`);
  console.log(
    '| endpoint | req/s | req per server CPU-second | P50 (ms) | P99 (ms) | non-2xx + errors | target |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const line of rows) console.log(line);
  console.log('\n| start-up and memory | value | target |');
  console.log('|---|---:|---|');
  console.log(
    `| startApiServer() to listening (median of 5) | ${median(starts.map((s) => s.startMs)).toFixed(1)} ms | <= 300 ms |`,
  );
  console.log(
    `| process start to listening, imports included | ${median(starts.map((s) => s.processMs)).toFixed(1)} ms | |`,
  );
  console.log(`| idle RSS after start | ${idleRss.toFixed(1)} MB | <= 150 MB |`);
  console.log(`| idle RSS after the /health load | ${afterRss.toFixed(1)} MB | |`);
}

if (process.argv[2] === '--serve') await serve(process.argv[3] ?? 'open');
else await main();
