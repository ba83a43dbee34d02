import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxRig, type SandboxRig } from '../contracts/alpaca-harness.js';
import { tempDir } from '../helpers/run-cli-in-process.js';
import { tradeCli } from './trade-cli-harness.js';

let rig: SandboxRig | null = null;
afterEach(async () => {
  await rig?.sandbox.close();
  rig = null;
});

describe('neural-trader trade --broker alpaca (local Alpaca-compatible sandbox, no running node)', () => {
  it('places an order, reads positions and the account, and rebalances on one-shot sessions', async () => {
    rig = await startSandboxRig();
    const cwd = tempDir('nt-trade-alpaca-');
    const env = {
      ALPACA_API_KEY: 'sandbox-key',
      ALPACA_SECRET_KEY: 'sandbox-secret',
      ALPACA_BASE_URL: rig.sandbox.url,
    };
    const order = await tradeCli(
      ['order', '--broker', 'alpaca', '--symbol', 'ACME', '--side', 'buy', '--quantity', '10'],
      cwd,
      env,
    );
    expect(order.stderr).toBe('');
    // The contract market's last ACME close is 100.00: a market order fills there at once.
    expect(order.stdout.trim()).toBe('operator-1: filled, filled 10 @ 100');
    expect(order.code).toBe(0);

    const positions = await tradeCli(['positions', '--broker', 'alpaca'], cwd, env);
    expect(JSON.parse(positions.stdout)).toEqual([expect.objectContaining({ symbol: 'ACME', quantity: 10 })]);
    const account = await tradeCli(['account', '--broker', 'alpaca'], cwd, env);
    expect(JSON.parse(account.stdout)).toMatchObject({ cash: 100_000 - 1_000 });

    const limit = await tradeCli(
      [
        'order',
        '--broker',
        'alpaca',
        '--symbol',
        'ACME',
        '--side',
        'buy',
        '--quantity',
        '1',
        '--type',
        'limit',
        '--limit-price',
        '90',
        '--time-in-force',
        'gtc',
        '--json',
      ],
      cwd,
      env,
    );
    expect(JSON.parse(limit.stdout)).toMatchObject({
      order: { clientOrderId: 'operator-2', status: 'accepted' },
    });

    const preview = await tradeCli(
      ['rebalance', '--broker', 'alpaca', '--targets', 'BETA=0.05', '--dry-run', '--json'],
      cwd,
      env,
    );
    const plan = JSON.parse(preview.stdout) as {
      plan: { orders: { symbol: string; side: string; quantity: number }[] };
    };
    expect(plan.plan.orders.map((o) => [o.symbol, o.side, o.quantity])).toEqual([
      ['ACME', 'sell', 10],
      ['BETA', 'buy', expect.any(Number) as number],
    ]);
    const done = await tradeCli(
      ['rebalance', '--broker', 'alpaca', '--targets', 'BETA=0.05', '--min-trade', '0'],
      cwd,
      env,
    );
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/rebalance sent \(sells first\)/);
    const after = (await rig.broker.execution.listPositions()).filter((p) => p.quantity !== 0);
    expect(after.map((p) => p.symbol)).toEqual(['BETA']);

    // The journal kept every order, and the working limit order was reconciled (adopted), never re-sent.
    const orders = await tradeCli(['orders', '--open', '--json'], cwd, env);
    expect((JSON.parse(orders.stdout) as { clientOrderId: string }[]).map((o) => o.clientOrderId)).toEqual([
      'operator-2',
    ]);
    expect(
      (await rig.broker.execution.listOrders({ status: 'all' })).filter(
        (o) => o.clientOrderId === 'operator-2',
      ),
    ).toHaveLength(1);
    const table = await tradeCli(['orders'], cwd, env);
    expect(table.stdout).toMatch(/operator-1\s+ACME\s+buy\s+market/);
  }, 60_000);

  it('says clearly when there is nothing to ask', async () => {
    const cwd = tempDir('nt-trade-alpaca-');
    const status = await tradeCli(['status'], cwd);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/no trading node has run with this data directory/);
    const positions = await tradeCli(['positions'], cwd);
    expect(positions.code).toBe(1);
    expect(positions.stderr).toMatch(/no trading node is running/);
    const stop = await tradeCli(['stop'], cwd);
    expect(stop.code).toBe(1);
    expect(stop.stderr).toMatch(/no trading node is running/);
    const badTargets = await tradeCli(['rebalance', '--targets', 'SPY'], cwd);
    expect(badTargets.code).toBe(2);
    expect(badTargets.stderr).toMatch(/target "SPY" must look like SYMBOL=weight/);
  });
});
