import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers/run-cli-in-process.js';

describe('neural-trader CLI', () => {
  it('prints help listing the commands and exits 0', async () => {
    const cwd = tempDir();
    const run = await cli(['--help'], { cwd });
    expect(run.code).toBe(0);
    for (const command of ['data', 'doctor', 'demo']) expect(run.stdout).toContain(command);
    const data = await cli(['data', '--help'], { cwd });
    for (const command of ['import', 'generate', 'list', 'show']) expect(data.stdout).toContain(command);
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const run = await cli(['--version'], { cwd: tempDir() });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('exits 2 on an unknown command or a missing required option', async () => {
    const cwd = tempDir();
    expect((await cli(['nonsense'], { cwd })).code).toBe(2);
    const missing = await cli(['data', 'import', 'x.csv'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--symbol');
  });

  it('exits 2 with one line naming the variable when the config is invalid', async () => {
    const run = await cli(['data', 'list'], { cwd: tempDir(), env: { PORT: '99999' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PORT "99999"');
  });

  it('exits 2 naming the flag when a flag value is out of range', async () => {
    const run = await cli(['data', 'generate', '--days', '0'], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--days "0"');
    const badDate = await cli(['data', 'generate', '--start', '2020-13-01'], { cwd: tempDir() });
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--start "2020-13-01"');
  });
});

describe('data commands', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = tempDir();
    const run = await cli(['data', 'generate', '--symbols', 'SPY,KO,PEP', '--days', '60', '--json'], { cwd });
    expect(run.code).toBe(0);
  });

  it('generates the requested symbols reproducibly into the data dir', async () => {
    expect(existsSync(join(cwd, '.neural-trader', 'neural-trader.db'))).toBe(true);
    const list = JSON.parse((await cli(['data', 'list', '--json'], { cwd })).stdout) as {
      symbol: string;
      count: number;
    }[];
    expect(list.map((s) => s.symbol)).toEqual(['KO', 'PEP', 'SPY']);
    expect(list.every((s) => s.count === 60)).toBe(true);
    const other = tempDir();
    await cli(['data', 'generate', '--symbols', 'SPY', '--days', '60'], { cwd: other });
    const a = await cli(['data', 'show', 'SPY'], { cwd });
    const b = await cli(['data', 'show', 'SPY'], { cwd: other });
    expect(a.stdout).toBe(b.stdout);
  });

  it('refuses a symbol outside the synthetic universe', async () => {
    const run = await cli(['data', 'generate', '--symbols', 'ZZZZ'], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"ZZZZ"');
  });

  it('shows a date range and a limit as CSV and JSON', async () => {
    const all = (await cli(['data', 'show', 'SPY'], { cwd })).stdout.trim().split('\n');
    expect(all[0]).toBe('date,open,high,low,close,volume');
    expect(all).toHaveLength(61);
    const third = all[3]?.slice(0, 10) ?? '';
    const sixth = all[6]?.slice(0, 10) ?? '';
    const ranged = (await cli(['data', 'show', 'SPY', '--from', third, '--to', sixth], { cwd })).stdout
      .trim()
      .split('\n');
    expect(ranged.slice(1)).toEqual(all.slice(3, 6));
    const json = JSON.parse(
      (await cli(['data', 'show', 'spy', '--format', 'json', '--limit', '2'], { cwd })).stdout,
    ) as {
      bars: { date: string; close: number }[];
    };
    expect(json.bars).toHaveLength(2);
    expect(json.bars[1]?.date.slice(0, 10)).toBe(all[60]?.slice(0, 10));
  });

  it('re-imports its own CSV output bit for bit', async () => {
    const csv = (await cli(['data', 'show', 'KO'], { cwd })).stdout;
    const file = join(cwd, 'ko.csv');
    writeFileSync(file, csv);
    const run = await cli(['data', 'import', file, '--symbol', 'KO2', '--json'], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ written: 60, rowsRead: 60, rowsDropped: 0 });
    expect((await cli(['data', 'show', 'KO2'], { cwd })).stdout).toBe(csv);
  });

  it('reports a missing symbol as not found (exit 1)', async () => {
    const run = await cli(['data', 'show', 'NOPE'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"NOPE"');
  });
});

describe('data import', () => {
  const header = 'Date,Open,High,Low,Close,Volume';
  const good = ['2024-01-02,10,11,9,10.5,100', '2024-01-03,10.5,12,10,11,200'];

  it('rejects a bad file naming the line and value, storing nothing', async () => {
    const cwd = tempDir();
    const file = join(cwd, 'bad.csv');
    writeFileSync(file, [header, ...good, '2024-01-04,11,10,12,11,300'].join('\n'));
    const run = await cli(['data', 'import', file, '--symbol', 'ABC'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line 4/);
    expect(run.stderr).toContain('"10"');
    const list = JSON.parse((await cli(['data', 'list', '--json'], { cwd })).stdout) as unknown[];
    expect(list).toEqual([]);
  });

  it('drops bad rows under --on-error drop and reports each', async () => {
    const cwd = tempDir();
    const file = join(cwd, 'bad.csv');
    writeFileSync(file, [header, ...good, '2024-01-04,11,10,12,11,300'].join('\n'));
    const run = await cli(['data', 'import', file, '--symbol', 'ABC', '--on-error', 'drop'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('imported 2 1d bars of ABC');
    expect(run.stdout).toMatch(/dropped: line 4/);
  });

  it('reads custom column names, another delimiter and epoch seconds', async () => {
    const cwd = tempDir();
    const file = join(cwd, 'x.txt');
    writeFileSync(
      file,
      ['Vol;Px;T;Hi;Lo;Op', '100;10.5;1704153600;11;9;10', '200;11;1704240000;12;10;10.5'].join('\n'),
    );
    const run = await cli(
      [
        'data',
        'import',
        file,
        '--symbol',
        'XYZ',
        '--columns',
        'close=Px,date=T,high=Hi,low=Lo,open=Op',
        '--delimiter',
        ';',
        '--date-format',
        'epoch_s',
        '--json',
      ],
      { cwd },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ written: 2, firstTs: Date.UTC(2024, 0, 2) });
  });

  it('says clearly when the file cannot be read', async () => {
    const cwd = tempDir();
    const run = await cli(['data', 'import', 'missing.csv', '--symbol', 'ABC'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing.csv');
  });
});

describe('doctor and demo', () => {
  it('doctor reports node, data dir and database as ok without printing secrets', async () => {
    const cwd = tempDir();
    const secret = 'sk-very-secret-value-123456';
    const run = await cli(['doctor', '--json'], {
      cwd,
      env: { ALPACA_SECRET_KEY: secret, REDIS_URL: 'redis://127.0.0.1:1' },
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      checks: { name: string; status: string; detail: string }[];
    };
    const status = Object.fromEntries(report.checks.map((c) => [c.name, c.status]));
    expect(status).toMatchObject({ node: 'ok', 'data dir': 'ok', database: 'ok', redis: 'warn' });
    expect(status['key ALPACA_SECRET_KEY']).toBe('ok');
    expect(status['key POLYGON_API_KEY']).toBe('warn');
    expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('demo stores the default universe once and summarises it', async () => {
    const cwd = tempDir();
    const first = JSON.parse((await cli(['demo', '--json'], { cwd })).stdout) as {
      generated: string[];
      summaries: { symbol: string; bars: number; annualizedVolatility: number }[];
    };
    expect(first.generated).toHaveLength(20);
    expect(first.summaries.map((s) => s.symbol)).toContain('SPY');
    expect(first.summaries.every((s) => s.bars === 756 && s.annualizedVolatility > 0.05)).toBe(true);
    const second = JSON.parse((await cli(['demo', '--json'], { cwd })).stdout) as {
      generated: string[];
      summaries: unknown;
    };
    expect(second.generated).toEqual([]);
    expect(second.summaries).toEqual(first.summaries);
    const text = await cli(['demo'], { cwd });
    expect(text.stdout).toContain('cointegrated pair KO/PEP');
    expect(text.stdout).toContain('backtest: sma-cross(10, 30) on SPY');
    expect(text.stdout).toContain('tearsheet: ');
  });

  it('demo never overwrites bars the user imported', async () => {
    const cwd = tempDir();
    const file = join(cwd, 'spy.csv');
    writeFileSync(
      file,
      ['date,open,high,low,close,volume', '2024-01-02,10,11,9,10.5,100', '2024-01-03,10.5,12,10,11,200'].join(
        '\n',
      ),
    );
    await cli(['data', 'import', file, '--symbol', 'SPY'], { cwd });
    const demo = JSON.parse((await cli(['demo', '--json'], { cwd })).stdout) as {
      generated: string[];
      summaries: { symbol: string; bars: number }[];
    };
    expect(demo.generated).not.toContain('SPY');
    expect(demo.summaries.find((s) => s.symbol === 'SPY')?.bars).toBe(2);
  });
});
