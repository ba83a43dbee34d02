import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/run-cli-in-process.js';
import { tradeCli } from './trade-cli-harness.js';

async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('neural-trader trade (paper)', () => {
  it('start, status, order, orders, positions, rebalance --dry-run, stop --flatten from other invocations', async () => {
    const cwd = tempDir('nt-trade-');
    const started = tradeCli(
      ['start', '--strategies', 'momentum', '--symbols', 'SPY,QQQ,TLT', '--speed', '60x', '--json'],
      cwd,
    );
    const refused = await started;
    // TLT is not in the synthetic universe: a clear refusal, exit 2.
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/symbols "TLT" are not in the paper replay/);

    const node = tradeCli(
      ['start', '--strategies', 'momentum', '--symbols', 'SPY,QQQ', '--speed', '60x', '--json'],
      cwd,
    );
    const status = await until(async () => {
      const run = await tradeCli(['status', '--json'], cwd);
      const parsed = JSON.parse(run.stdout) as {
        running: boolean;
        status?: { strategies: { strategyId: string }[] };
      };
      return parsed.running ? parsed : undefined;
    });
    expect(status.status?.strategies.map((s) => s.strategyId)).toEqual(['momentum']);
    const text = await tradeCli(['status'], cwd);
    expect(text.stdout).toMatch(/^running \(pid \d+/);

    const order = await tradeCli(
      ['order', '--symbol', 'SPY', '--side', 'buy', '--quantity', '5', '--json'],
      cwd,
    );
    expect(order.code).toBe(0);
    expect(JSON.parse(order.stdout)).toMatchObject({
      order: { clientOrderId: 'operator-1', status: 'filled', filledQuantity: 5 },
    });

    const orders = await tradeCli(['orders', '--json'], cwd);
    expect((JSON.parse(orders.stdout) as { clientOrderId: string }[]).map((o) => o.clientOrderId)).toContain(
      'operator-1',
    );

    const positions = await until(async () => {
      const run = await tradeCli(['positions', '--json'], cwd);
      const list = JSON.parse(run.stdout) as { symbol: string; quantity: number }[];
      return list.some((p) => p.symbol === 'SPY') ? list : undefined;
    });
    expect(positions.find((p) => p.symbol === 'SPY')?.quantity).toBeGreaterThanOrEqual(5);

    const preview = await tradeCli(['rebalance', '--targets', 'QQQ=0.1', '--dry-run'], cwd);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/dry run: nothing sent/);
    expect(preview.stdout).toMatch(/QQQ\s+buy/);

    const stop = await tradeCli(['stop', '--flatten', '--json'], cwd);
    expect(JSON.parse(stop.stdout)).toEqual({ stopped: true, flatten: true });
    const finished = await node;
    expect(finished.code).toBe(0);
    const after = await tradeCli(['status', '--json'], cwd);
    expect(JSON.parse(after.stdout)).toMatchObject({ running: false, status: { state: 'stopped' } });
    const noNode = await tradeCli(['order', '--symbol', 'SPY', '--side', 'buy', '--quantity', '1'], cwd);
    expect(noNode.code).toBe(1);
    expect(noNode.stderr).toMatch(/no trading node is running/);
  }, 60_000);

  it('refuses alpaca without keys and a live endpoint without LIVE_TRADING_ENABLED', async () => {
    const cwd = tempDir('nt-trade-');
    const noKeys = await tradeCli(['start', '--broker', 'alpaca'], cwd);
    expect(noKeys.code).toBe(2);
    expect(noKeys.stderr).toMatch(/--broker alpaca needs ALPACA_API_KEY and ALPACA_SECRET_KEY/);
    const live = await tradeCli(['start', '--broker', 'alpaca', '--live'], cwd, {
      ALPACA_API_KEY: 'k',
      ALPACA_SECRET_KEY: 's',
      ALPACA_BASE_URL: 'https://api.alpaca.markets',
    });
    expect(live.code).toBe(2);
    expect(live.stderr).toMatch(/LIVE_TRADING_ENABLED/);
    // Enabled in the environment but not asked for on the command line: refused before any request is sent.
    const noFlag = await tradeCli(['start', '--broker', 'alpaca'], cwd, {
      ALPACA_API_KEY: 'k',
      ALPACA_SECRET_KEY: 's',
      ALPACA_BASE_URL: 'https://api.alpaca.markets',
      LIVE_TRADING_ENABLED: 'true',
    });
    expect(noFlag.code).toBe(1);
    expect(noFlag.stderr).toMatch(
      /refusing to trade: broker "alpaca" is a live \(real-money\) endpoint; this needs --live/,
    );
  });
});
