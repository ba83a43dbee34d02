import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNewsPipeline, storeNewsItems } from '../src/app/news/store-news-items.js';
import { generateSyntheticNews } from '../src/news/synthetic/synthetic-news.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { cli, tempDir } from './helpers/run-cli-in-process.js';

describe('neural-trader backtest', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = tempDir();
    await cli(['data', 'generate', '--symbols', 'SPY', '--days', '300'], { cwd });
  });

  it('runs sma-cross on stored bars, prints the metrics JSON, stores the run and writes a tearsheet', async () => {
    const report = join(cwd, 'report.html');
    const run = await cli(
      [
        'backtest',
        '--strategy',
        'sma-cross',
        '--symbols',
        'SPY',
        '--params',
        'fast=5,slow=20',
        '--quantity',
        '10',
        '--commission-per-order',
        '1',
        '--report',
        report,
        '--json',
      ],
      { cwd },
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      runId: string;
      fills: number;
      netPnl: number;
      finalEquity: number;
      tradesHash: string;
      metrics: Record<string, unknown>;
      trades: unknown[];
    };
    expect(out.fills).toBeGreaterThan(2);
    expect(out.finalEquity).toBeCloseTo(1_000_000 + out.netPnl, 6);
    expect(out.metrics['fees']).toBe(out.fills);
    expect(out.tradesHash).toMatch(/^[0-9a-f]{64}$/);
    expect(out.trades.length).toBeGreaterThan(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('sma-cross on SPY');
    const store = openSqliteStore({ path: join(cwd, '.neural-trader', 'neural-trader.db') });
    const stored = await store.runs.list({ kind: 'backtest' });
    const columns = await store.runs.columns(out.runId as never);
    await store.close();
    expect(stored.map((r) => r.id)).toContain(out.runId);
    // The equity curve is kept with the run: one value per bar, ending at the final equity.
    expect(columns['equity']?.length).toBe(300);
    expect(columns['equity']?.[299]).toBe(out.finalEquity);
  });

  it('gives the same trades hash for the same data and settings, from a file too', async () => {
    const args = [
      'backtest',
      '--strategy',
      'sma-cross',
      '--params',
      'fast=5,slow=20',
      '--quantity',
      '10',
      '--json',
    ];
    const a = JSON.parse((await cli([...args, '--symbols', 'SPY'], { cwd })).stdout) as {
      tradesHash: string;
      netPnl: number;
    };
    const file = join(cwd, 'spy.csv');
    writeFileSync(file, (await cli(['data', 'show', 'SPY'], { cwd })).stdout);
    const b = JSON.parse((await cli([...args, '--data', file, '--symbol', 'SPY'], { cwd })).stdout) as {
      tradesHash: string;
      netPnl: number;
    };
    expect(b.tradesHash).toBe(a.tradesHash);
    expect(b.netPnl).toBe(a.netPnl);
    const text = await cli([...args.filter((x) => x !== '--json'), '--symbols', 'SPY', '--fill', 'close'], {
      cwd,
    });
    expect(text.stdout).toContain('net P&L');
    expect(text.stdout).toContain('look-ahead-prone');
  });

  it('reports beta and alpha against a benchmark, stored or from a file, the same either way', async () => {
    const args = [
      'backtest',
      '--strategy',
      'sma-cross',
      '--symbols',
      'SPY',
      '--percent-equity',
      '95',
      '--json',
    ];
    type Out = { metrics: Record<string, number | null> };
    const stored = JSON.parse((await cli([...args, '--benchmark', 'SPY'], { cwd })).stdout) as Out;
    const file = join(cwd, 'benchmark.csv');
    writeFileSync(file, (await cli(['data', 'show', 'SPY'], { cwd })).stdout);
    const fromFile = JSON.parse((await cli([...args, '--benchmark', file], { cwd })).stdout) as Out;
    // Long SPY at 95% of equity part of the time, flat otherwise: beta against SPY itself is between 0 and 1.
    const beta = stored.metrics['beta'] as number;
    expect(beta).toBeGreaterThan(0.2);
    expect(beta).toBeLessThan(1);
    expect(fromFile.metrics['beta']).toBe(beta);
    expect(fromFile.metrics['annualizedAlpha']).toBe(stored.metrics['annualizedAlpha']);
    const without = JSON.parse((await cli(args, { cwd })).stdout) as Out;
    expect(without.metrics['beta']).toBeNull();
    const text = await cli([...args.filter((x) => x !== '--json'), '--benchmark', 'SPY'], { cwd });
    expect(text.stdout).toMatch(/beta\s+0\.\d\d/);
    const missing = await cli([...args, '--benchmark', 'QQQ'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no 1d bars are stored for "QQQ"');
  });

  it('applies a risk preset: orders above its limits are denied, counted and written to the audit log', async () => {
    const args = [
      'backtest',
      '--strategy',
      'sma-cross',
      '--symbols',
      'SPY',
      '--percent-equity',
      '95',
      '--json',
    ];
    const free = JSON.parse((await cli(args, { cwd })).stdout) as { deniedOrders: number; fills: number };
    expect(free.deniedOrders).toBe(0);
    const run = await cli([...args, '--risk-preset', 'low'], { cwd });
    expect(run.code).toBe(0);
    const limited = JSON.parse(run.stdout) as { deniedOrders: number; fills: number; warnings: string[] };
    // The low preset caps one position well below 95% of equity, so every entry is denied.
    expect(limited.deniedOrders).toBeGreaterThan(0);
    expect(limited.fills).toBe(0);
    expect(limited.warnings.join(' ')).toContain('denied by the risk limits');
    const store = openSqliteStore({ path: join(cwd, '.neural-trader', 'neural-trader.db') });
    const audit = await store.riskAudit.list({ kind: 'denial' });
    await store.close();
    expect(audit.length).toBeGreaterThanOrEqual(limited.deniedOrders);
    const bad = await cli([...args, '--risk-preset', 'reckless'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--risk-preset "reckless"');
  });

  it('names what is wrong: strategy, parameter, data source, missing bars, flags', async () => {
    const cases: [string[], string][] = [
      [['--strategy', 'nope', '--symbols', 'SPY'], 'unknown strategy "nope"'],
      [
        ['--strategy', 'sma-cross', '--symbols', 'SPY', '--params', 'fast=30,slow=10'],
        'fast must be shorter than slow',
      ],
      [['--strategy', 'sma-cross'], 'exactly one of --data FILE or --symbols'],
      [['--strategy', 'sma-cross', '--symbols', 'QQQ'], 'no 1d bars are stored for "QQQ"'],
      [['--strategy', 'sma-cross', '--symbols', 'SPY', '--cash', '-5'], '--cash "-5"'],
      [
        ['--strategy', 'sma-cross', '--symbols', 'SPY', '--quantity', '1', '--percent-equity', '5'],
        'cannot be combined',
      ],
      [['--strategy', 'sma-cross', '--symbols', 'SPY', '--params', 'fast'], 'must look like name=value'],
      [
        ['--strategy', 'sma-cross', '--symbols', 'SPY', '--from', '2030-01-01'],
        'no bars in the requested range',
      ],
      [['--strategy', 'sma-cross', '--data', 'missing.csv'], 'missing.csv'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['backtest', ...args], { cwd });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
    expect(existsSync(join(cwd, 'missing.csv'))).toBe(false);
  });
});

describe('neural-trader backtest with news', () => {
  let cwd: string;
  const base = ['backtest', '--strategy', 'neural-sentiment', '--symbols', 'SPY,QQQ,AAPL'];
  interface Summary {
    tradesHash: string;
    trades: unknown[];
    metrics: Record<string, unknown>;
    news: { description: string; articles: number } | null;
  }
  const run = async (args: string[]) =>
    JSON.parse((await cli([...args, '--json'], { cwd })).stdout) as Summary;
  beforeAll(async () => {
    cwd = tempDir();
    await cli(['data', 'generate', '--symbols', 'SPY,QQQ,AAPL', '--days', '504'], { cwd });
  });

  it('runs neural-sentiment on the synthetic universe with the scored synthetic news, and prints its trades', async () => {
    const text = await cli([...base, '--synthetic-news', '0.6'], { cwd });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('neural-sentiment on SPY, QQQ, AAPL (1d, 504 bars');
    expect(text.stdout).toMatch(/news: synthetic news \(edge 0\.6, seed 42\), \d+ scored articles/);
    expect(Number(/closed trades\s+(\d+)/.exec(text.stdout)?.[1])).toBeGreaterThan(5);
    const first = await run([...base, '--synthetic-news', '0.6']);
    expect(first.trades.length).toBeGreaterThan(5);
    expect(first.news?.description).toBe('synthetic news (edge 0.6, seed 42)');
    expect((await run([...base, '--synthetic-news', '0.6'])).tradesHash).toBe(first.tradesHash);
    expect((await run([...base, '--synthetic-news', '0.6', '--news-seed', '7'])).tradesHash).not.toBe(
      first.tradesHash,
    );
    // enhanced-momentum reads the same sentiment input: its trades change with the news.
    const momentum = ['backtest', '--strategy', 'enhanced-momentum', '--symbols', 'SPY,QQQ,AAPL'];
    const plain = await run(momentum);
    expect(plain.news).toBeNull();
    expect((await run([...momentum, '--synthetic-news', '0.9'])).tradesHash).not.toBe(plain.tradesHash);
    const compare = JSON.parse(
      (
        await cli(
          [
            'strategies',
            'compare',
            '--strategies',
            'neural-sentiment,sma-cross',
            '--symbols',
            'SPY,QQQ,AAPL',
            '--synthetic-news',
            '0.6',
            '--json',
          ],
          { cwd },
        )
      ).stdout,
    ) as { rows: { strategy: string; error: string | null; metrics: Record<string, unknown> }[] };
    const neural = compare.rows.find((r) => r.strategy === 'neural-sentiment');
    expect(neural?.error).toBeNull();
    expect(neural?.metrics['closedTrades']).toBe(first.metrics['closedTrades']);
  });

  it('reads stored articles with --news store: the same synthetic stream stored gives the same trades', async () => {
    const missing = await cli([...base, '--news', 'store'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no stored articles about SPY, QQQ, AAPL in the backtest period');
    // One symbol: the store also clusters titles that differ only by ticker across symbols (see the report).
    const store = openSqliteStore({ path: join(cwd, '.neural-trader', 'neural-trader.db') });
    const spy = await store.bars.loadBars('SPY', '1d');
    const stored = await storeNewsItems(
      await createNewsPipeline(store),
      generateSyntheticNews([spy], { seed: 5, edge: 0.8 }),
    );
    await store.close();
    expect(stored.inserted + stored.duplicates).toBeGreaterThan(20);
    const single = ['backtest', '--strategy', 'neural-sentiment', '--symbols', 'SPY'];
    const fromStore = await run([...single, '--news', 'store']);
    expect(fromStore.news).toEqual({
      description: 'stored news',
      articles: stored.inserted + stored.duplicates,
    });
    const generated = await run([...single, '--synthetic-news', '0.8', '--news-seed', '5']);
    expect(generated.news?.articles).toBe(fromStore.news?.articles);
    expect(fromStore.trades.length).toBeGreaterThan(0);
    expect(fromStore.tradesHash).toBe(generated.tradesHash);
  });

  it('refuses news flags that conflict or are out of range', async () => {
    const cases: [string[], string][] = [
      [['--synthetic-news', '1.5'], '--synthetic-news "1.5" must be an edge between 0 and 1'],
      [['--synthetic-news', '0.5', '--news', 'store'], '--synthetic-news and --news cannot be combined'],
      [['--news-seed', '3'], '--news-seed needs --synthetic-news'],
      [['--synthetic-news', '0.5', '--news-seed', '-1'], '--news-seed "-1" must be an integer'],
      [['--news', 'rss'], "argument 'rss' is invalid"],
      [[], 'neural-sentiment needs news sentiment (inputs.sentiment)'],
    ];
    for (const [args, message] of cases) {
      const result = await cli([...base, ...args], { cwd });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });
});

describe('neural-trader backtest --strategy neural-trend', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = tempDir();
    await cli(['data', 'generate', '--symbols', 'SPY', '--days', '200'], { cwd });
  });

  it('trains NHITS walk-forward before the run and says so; refuses the flags elsewhere', async () => {
    const args = ['backtest', '--strategy', 'neural-trend', '--symbols', 'SPY', '--json'];
    const params = ['--params', 'trainWindow=100,retrainEvery=50'];
    const neural = await cli([...args, ...params, '--neural-model', 'nhits', '--neural-steps', '5'], { cwd });
    expect(neural.code, neural.stderr).toBe(0);
    const summary = JSON.parse(neural.stdout) as { neuralModels: string | null; bars: number };
    expect(summary.neuralModels).toMatch(/^nhits walk-forward: \d+ folds/);
    const baseline = await cli([...args, ...params], { cwd });
    expect((JSON.parse(baseline.stdout) as { neuralModels: string | null }).neuralModels).toBeNull();
    const wrong = await cli(
      ['backtest', '--strategy', 'sma-cross', '--symbols', 'SPY', '--neural-model', 'nhits'],
      {
        cwd,
      },
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--neural-model is for --strategy neural-trend');
    const steps = await cli([...args, '--neural-steps', '5'], { cwd });
    expect(steps.stderr).toContain('--neural-steps needs --neural-model');
  }, 120_000);
});
