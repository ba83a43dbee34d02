import { Option, type Command } from 'commander';
import type { RunAction } from './news-program.js';

/**
 * The `trade` command tree: paper and live trading (issue 9). `trade start` runs a node in the foreground;
 * the other commands reach it through the store (status published every second, commands posted to it), so
 * they work from another terminal. Joined to program.ts through one call.
 */
export function addTradeCommands(program: Command, run: RunAction): void {
  const trade = program
    .command('trade')
    .description('paper and live trading: start, status, stop, orders, rebalance');
  const broker = () =>
    new Option('--broker <broker>', 'paper (synthetic replay, no keys) or alpaca (ALPACA_* settings)')
      .choices(['paper', 'alpaca'])
      .default('paper');
  trade
    .command('start')
    .description(
      'run strategies in the foreground until Ctrl-C or `trade stop` (reconciles with the broker first)',
    )
    .option('--strategies <list>', 'e.g. momentum,mean_reversion (default: the config file)')
    .option('--symbols <list>', 'e.g. SPY,QQQ, at most 50 (default: the config file)')
    .addOption(broker())
    .option('--live', 'allow a live (real-money) endpoint; also needs LIVE_TRADING_ENABLED=true')
    .option('--speed <speed>', 'paper replay speed, e.g. 60x or max (default: one bar a second)')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./trade.js')).runTradeStart));
  trade
    .command('status')
    .description('state, positions, P&L, last signal and errors per strategy of the running node')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./trade.js')).runTradeStatus));
  trade
    .command('stop')
    .description('stop the running node')
    .option('--flatten', 'cancel open orders and close every position first')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./trade.js')).runTradeStop));
  trade
    .command('orders')
    .description('the order journal, newest first')
    .option('--open', 'only orders still working')
    .option('--limit <n>', 'at most this many (default 50)')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./trade.js')).runTradeOrders));
  for (const name of ['positions', 'account'] as const) {
    trade
      .command(name)
      .description(
        `the account's ${name === 'positions' ? 'positions' : 'cash and equity'} (running node, or the Alpaca broker)`,
      )
      .addOption(broker())
      .option('--json', 'machine-readable output')
      .action(
        run(async () => {
          const commands = await import('./trade.js');
          return name === 'positions' ? commands.runTradePositions : commands.runTradeAccount;
        }),
      );
  }
  trade
    .command('order')
    .description('place one order (risk-checked and journaled like a strategy order)')
    .requiredOption('--symbol <symbol>', 'symbol')
    .addOption(new Option('--side <side>', 'buy or sell').choices(['buy', 'sell']).makeOptionMandatory())
    .requiredOption('--quantity <n>', 'quantity')
    .addOption(
      new Option('--type <type>', 'order type')
        .choices(['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'])
        .default('market'),
    )
    .option('--limit-price <price>', 'limit price (limit, stop_limit)')
    .option('--stop-price <price>', 'stop price (stop, stop_limit)')
    .option('--trail-percent <percent>', 'trailing stop distance in percent')
    .addOption(
      new Option('--time-in-force <tif>', 'time in force').choices([
        'day',
        'gtc',
        'ioc',
        'fok',
        'opg',
        'cls',
      ]),
    )
    .addOption(broker())
    .option('--live', 'allow a live (real-money) endpoint; also needs LIVE_TRADING_ENABLED=true')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./trade.js')).runTradeOrder));
  trade
    .command('rebalance')
    .description(
      'trade to target weights: sells before buys, whole shares, a cash buffer, a minimum trade size',
    )
    .requiredOption('--targets <list>', "e.g. 'SPY=0.6,TLT=0.4' (held symbols not listed are sold)")
    .option('--dry-run', 'print the orders without sending them')
    .option('--cash-buffer <fraction>', 'fraction of equity kept in cash', '0.02')
    .option('--min-trade <value>', 'skip trades worth less than this', '100')
    .addOption(broker())
    .option('--live', 'allow a live (real-money) endpoint; also needs LIVE_TRADING_ENABLED=true')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./trade.js')).runTradeRebalance));
}
