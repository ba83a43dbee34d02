import { Command, Option } from 'commander';
import type { CliIo } from './cli-io.js';
import { addForecastCommands } from './commands/forecast-program.js';
import { addNewsCommands } from './commands/news-program.js';
import { addTradeCommands } from './commands/trade-program.js';

/** Options every command sees (commander's optsWithGlobals). */
export interface GlobalOptions {
  readonly dataDir?: string;
  readonly config?: string;
  readonly json?: boolean;
}

/** Resolves to an exit code when the command finished but must report failure (e.g. a failed check). */
export type CommandRunner = (
  io: CliIo,
  args: readonly string[],
  options: Record<string, unknown>,
) => Promise<void | number>;

/**
 * Builds the command tree. Command modules are imported only when their command runs, so `--help` and
 * `--version` load commander alone (cold start budget: 150 ms).
 */
export function buildProgram(io: CliIo, version: string, setExitCode: (code: number) => void): Command {
  const program = new Command('neural-trader')
    .description('Neural Trader: market data, indicators, backtesting, risk, strategies and AI trading')
    .version(version, '-V, --version')
    .option('--data-dir <dir>', 'data directory (default: $NT_DATA_DIR or ./.neural-trader)')
    .option('--config <file>', 'config file, JSON or YAML (default: $NT_CONFIG)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  const run =
    (load: () => Promise<CommandRunner>) =>
    async (...params: unknown[]): Promise<void> => {
      const command = params[params.length - 1] as Command;
      const runner = await load();
      const code = await runner(io, command.args, command.optsWithGlobals());
      if (typeof code === 'number') setExitCode(code);
    };

  const data = program.command('data').description('import, generate, list and show market data');

  data
    .command('import')
    .description('import OHLCV bars from a CSV or JSON-lines file, validated, into the store')
    .argument('<file>', 'CSV (header row) or .jsonl file')
    .requiredOption('--symbol <symbol>', 'symbol the bars belong to')
    .addOption(new Option('--timeframe <tf>', 'bar timeframe').default('1d'))
    .addOption(
      new Option('--on-error <policy>', 'what to do with bad rows')
        .choices(['reject', 'drop', 'repair'])
        .default('reject'),
    )
    .addOption(
      new Option('--format <format>', 'file format (default: from the extension)').choices(['csv', 'jsonl']),
    )
    .addOption(
      new Option('--date-format <format>', 'date column format')
        .choices(['auto', 'iso', 'epoch_s', 'epoch_ms'])
        .default('auto'),
    )
    .option('--delimiter <char>', 'CSV delimiter (default: detected among , ; tab)')
    .option('--columns <map>', 'column names, e.g. date=Date,close="Adj Close",volume=Vol')
    .option('--no-gaps', 'do not report gaps against the timeframe')
    .option('--no-adjust', 'ignore an adjclose column (default: adjust OHLC by adjclose/close)')
    .option('--batch-size <n>', 'bars per store transaction', '50000')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/data-import.js')).runDataImport));

  data
    .command('generate')
    .description('generate a seeded synthetic market (the default universe unless --symbols) into the store')
    .option('--symbols <list>', 'comma-separated subset of the default universe')
    .option('--days <n>', 'trading days to generate', '756')
    .addOption(new Option('--timeframe <tf>', 'bar timeframe').choices(['1d', '1m']).default('1d'))
    .option('--seed <n>', 'random seed (same seed, same bytes)', '42')
    .option('--start <date>', 'first day, YYYY-MM-DD (UTC)', '2020-01-01')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/data-generate.js')).runDataGenerate));

  data
    .command('list')
    .description('list the stored series')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/data-list.js')).runDataList));

  data
    .command('show')
    .description('print stored bars of one symbol')
    .argument('<symbol>')
    .addOption(new Option('--timeframe <tf>', 'bar timeframe (default: the only one stored)'))
    .option('--from <date>', 'first bar time, inclusive (YYYY-MM-DD or ISO timestamp)')
    .option('--to <date>', 'last bar time, exclusive')
    .option('--limit <n>', 'at most this many bars (the latest)')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .action(run(async () => (await import('./commands/data-show.js')).runDataShow));

  program
    .command('backtest')
    .description('run a strategy over a data file or stored bars (event-driven, realistic fills)')
    .requiredOption('--strategy <name>', 'strategy name, e.g. sma-cross')
    .option('--params <list>', 'strategy parameters, e.g. fast=10,slow=30')
    .option('--data <file>', 'OHLCV file (CSV or JSON lines)')
    .option('--symbol <symbol>', 'with --data: the symbol the file holds (default DATA)')
    .option('--symbols <list>', 'stored symbols, e.g. SPY,QQQ')
    .option('--timeframe <tf>', 'bar timeframe (default 1d)')
    .option('--from <date>', 'first bar, inclusive')
    .option('--to <date>', 'last bar, exclusive')
    .option('--cash <amount>', 'starting cash', '1000000')
    .option('--quantity <n>', 'fixed units per entry')
    .option('--percent-equity <p>', 'percent of equity per entry')
    .option('--commission-per-order <x>', 'commission per order')
    .option('--commission-bps <x>', 'commission in basis points of notional')
    .option('--slippage-bps <x>', 'slippage in basis points')
    .option('--leverage <x>', 'max gross exposure per unit of equity (default 1: a cash account)')
    .option('--risk-preset <level>', 'pre-trade risk limits of a risk level: low, medium, high, aggressive')
    .option('--risk-config <file>', 'pre-trade risk limits as JSON (see src/risk/README.md)')
    .addOption(
      new Option('--fill <timing>', 'fill timing')
        .choices(['next-open', 'next-close', 'close'])
        .default('next-open'),
    )
    .option('--disclosures <file>', 'disclosed trades (CSV or JSON lines) for the mirror strategy')
    .option(
      '--synthetic-disclosures <edge>',
      'mirror on synthetic data: generate disclosed trades with this edge (0-1)',
    )
    .option(
      '--synthetic-news <edge>',
      'news-driven strategies on synthetic data: generate scored news with this edge (0-1)',
    )
    .addOption(new Option('--news <source>', 'news sentiment from the stored articles').choices(['store']))
    .option('--news-seed <n>', 'with --synthetic-news: its seed (default 42)')
    .addOption(
      new Option(
        '--neural-model <kind>',
        'neural-trend: train this network walk-forward (one model per fold) before the run',
      ).choices(['nhits', 'lstm', 'transformer']),
    )
    .option('--neural-steps <n>', 'with --neural-model: Adam steps per fold (default 200)')
    .option('--benchmark <symbol|file>', 'benchmark for alpha and beta: a stored symbol or a bars file')
    .option('--risk-free <rate>', 'annual risk-free rate as a fraction, e.g. 0.04')
    .option('--report <file>', 'write a self-contained HTML tearsheet')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/backtest.js')).runBacktestCommand));

  program
    .command('indicators')
    .description('compute technical indicators over an OHLCV file (CSV or JSON lines)')
    .requiredOption('--input <file>', 'OHLCV file the importer accepts')
    .requiredOption(
      '--indicators <list>',
      'e.g. sma:20,ema:20,rsi:14,macd:12:26:9,bbands:20:2,atr:14,stoch:14:3',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .addOption(
      new Option('--date-format <format>', 'date column format')
        .choices(['auto', 'iso', 'epoch_s', 'epoch_ms'])
        .default('auto'),
    )
    .option('--columns <map>', 'column names, e.g. date=Date,close="Adj Close"')
    .action(run(async () => (await import('./commands/indicators.js')).runIndicators));

  const stats = program
    .command('stats')
    .description('statistical tests on the numeric columns of a CSV file');
  const lagOptions = (command: Command): Command =>
    command
      .option('--log', 'take natural logs first')
      .option('--lags <n>', 'fixed number of lags')
      .addOption(
        new Option('--autolag <criterion>', 'lag selection (default aic)').choices(['aic', 'bic', 't-stat']),
      )
      .option('--json', 'machine-readable output');

  lagOptions(
    stats
      .command('adf')
      .description('augmented Dickey-Fuller unit-root test (matches statsmodels adfuller)')
      .requiredOption('--input <file>', 'CSV file')
      .requiredOption('--column <name>', 'column to test')
      .addOption(
        new Option('--regression <terms>', 'deterministic terms')
          .choices(['c', 'ct', 'ctt', 'n'])
          .default('c'),
      ),
  ).action(run(async () => (await import('./commands/stats.js')).runStatsAdf));

  lagOptions(
    stats
      .command('coint')
      .description('Engle-Granger cointegration test of y on x (matches statsmodels coint)')
      .requiredOption('--input <file>', 'CSV file')
      .requiredOption('--y <name>', 'dependent column')
      .requiredOption('--x <name>', 'independent column'),
  ).action(run(async () => (await import('./commands/stats.js')).runStatsCoint));

  stats
    .command('corr')
    .description('Pearson correlation matrix of every numeric column (pairwise-complete)')
    .requiredOption('--input <file>', 'CSV file')
    .option('--returns', 'correlate simple returns instead of levels')
    .option('--log', 'with --returns: log returns')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/stats.js')).runStatsCorr));

  program
    .command('risk')
    .description('measure risk: VaR, expected shortfall, volatility, Sharpe, Sortino, drawdown, beta')
    .command('analyze')
    .description(
      'risk of a price CSV: simple returns of the close (or --column), VaR/ES by method and confidence',
    )
    .option('--input <file>', 'price CSV (a date column and numeric columns)')
    .option('--portfolio <which>', '"current": the open positions in the store, priced at stored daily bars')
    .option(
      '--equity <amount>',
      'with --portfolio: account equity for the weights (default: gross market value)',
    )
    .option('--column <name>', 'price column (default: close, or the only numeric column)')
    .option('--benchmark <file>', 'benchmark price CSV for beta (rows matched by date)')
    .option('--benchmark-column <name>', 'benchmark price column (default: close, or the only one)')
    .option('--confidence <list>', 'confidence levels', '0.95,0.99')
    .option('--method <list>', 'VaR/ES methods, comma-separated', 'historical,gaussian,modified,montecarlo')
    .option('--paths <n>', 'Monte Carlo paths', '10000')
    .option('--seed <n>', 'Monte Carlo seed', '42')
    .option('--periods-per-year <n>', 'annualization scale (252 daily, 52 weekly, 12 monthly)', '252')
    .option('--risk-free <rate>', 'annual risk-free rate for Sharpe, e.g. 0.04', '0')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/risk.js')).runRiskAnalyze));

  const strategies = program
    .command('strategies')
    .description('list, describe, compare and recommend trading strategies');
  strategies
    .command('list')
    .description('the registered strategies: style, risk level, symbols, description')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/strategies.js')).runStrategiesList));
  strategies
    .command('info')
    .description('one strategy: markets, timeframes and its parameters with defaults and ranges')
    .argument('<name>', 'strategy name')
    .option('--json', 'machine-readable output (parameters as JSON Schema)')
    .action(run(async () => (await import('./commands/strategies.js')).runStrategiesInfo));
  strategies
    .command('compare')
    .description('backtest several strategies on the same data, period and costs; rank them by a metric')
    .requiredOption('--strategies <list>', 'comma-separated strategy names')
    .option('--symbols <list>', 'stored symbols, e.g. SPY,QQQ')
    .option('--data <file>', 'OHLCV file (CSV or JSON lines)')
    .option('--symbol <symbol>', 'with --data: the symbol the file holds')
    .option('--timeframe <tf>', 'bar timeframe (default 1d)')
    .option('--from <date>', 'first bar, inclusive')
    .option('--to <date>', 'last bar, exclusive')
    .option('--params <spec>', 'per strategy, e.g. sma-cross:fast=5;slow=20/momentum:lookback=60')
    .option('--disclosures <file>', 'disclosed trades (CSV or JSON lines) for the mirror strategy')
    .option(
      '--synthetic-disclosures <edge>',
      'mirror on synthetic data: generate disclosed trades with this edge (0-1)',
    )
    .option(
      '--synthetic-news <edge>',
      'news-driven strategies on synthetic data: generate scored news with this edge (0-1)',
    )
    .addOption(new Option('--news <source>', 'news sentiment from the stored articles').choices(['store']))
    .option('--news-seed <n>', 'with --synthetic-news: its seed (default 42)')
    .option(
      '--rank-by <metric>',
      'sharpeRatio, sortinoRatio, calmarRatio, totalReturn, maxDrawdown, ...',
      'sharpeRatio',
    )
    .option('--cash <amount>', 'starting cash (default 1000000)')
    .option('--commission-bps <x>', 'commission in basis points of notional')
    .option('--slippage-bps <x>', 'slippage in basis points')
    .option('--leverage <x>', 'max gross exposure per unit of equity (default 1)')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/strategies.js')).runStrategiesCompare));
  strategies
    .command('recommend')
    .description(
      'recommend a strategy for symbols and a risk level from the measured regime and recent backtests',
    )
    .requiredOption('--symbols <list>', 'stored symbols, e.g. KO,PEP')
    .addOption(
      new Option('--risk <level>', 'your risk level')
        .choices(['low', 'medium', 'high', 'aggressive'])
        .default('medium'),
    )
    .option('--timeframe <tf>', 'bar timeframe (default 1d)')
    .option('--folds <n>', 'recent out-of-sample windows (default 4)')
    .option('--fold-bars <n>', 'bars per window (default 63)')
    .option('--commission-bps <x>', 'commission in basis points of notional')
    .option('--slippage-bps <x>', 'slippage in basis points')
    .option('--leverage <x>', 'max gross exposure per unit of equity (default 1)')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/strategies.js')).runStrategiesRecommend));

  const optimize = program
    .command('optimize')
    .description(
      "optimize a strategy's parameters: grid / random / Bayesian search, walk-forward, PBO, deflated Sharpe",
    )
    .option('--strategy <name>', 'strategy name')
    .option('--params <space>', "parameter space, e.g. 'fast=5:50:5,slow=50:300:10,mode=a|b'")
    .addOption(
      new Option('--method <method>', 'search method')
        .choices(['grid', 'random', 'bayes', 'tpe'])
        .default('grid'),
    )
    .option('--trials <n>', 'trials of random / bayes search')
    .option('--seed <n>', 'search seed (same seed, same trials)')
    .option(
      '--objective <metric>',
      'metric to optimize, e.g. sharpe, sortinoRatio, max:totalReturn',
      'sharpeRatio',
    )
    .option('--constraints <list>', "e.g. 'maxDrawdown<=0.2,closedTrades>=30'")
    .option(
      '--walk-forward <spec>',
      'train=756,test=252[,mode=anchored]: optimize in-sample, test out-of-sample',
    )
    .option('--symbols <list>', 'stored symbols, e.g. SPY,QQQ')
    .option('--data <file>', 'OHLCV file (CSV or JSON lines)')
    .option('--symbol <symbol>', 'with --data: the symbol the file holds')
    .option('--timeframe <tf>', 'bar timeframe (default 1d)')
    .option('--from <date>', 'first bar, inclusive')
    .option('--to <date>', 'last bar, exclusive')
    .option('--cash <amount>', 'starting cash (default 1000000)')
    .option('--quantity <n>', 'fixed units per entry')
    .option('--percent-equity <p>', 'percent of equity per entry')
    .option('--commission-per-order <x>', 'commission per order')
    .option('--commission-bps <x>', 'commission in basis points of notional')
    .option('--slippage-bps <x>', 'slippage in basis points')
    .option('--leverage <x>', 'max gross exposure per unit of equity (default 1)')
    .addOption(new Option('--fill <timing>', 'fill timing').choices(['next-open', 'next-close', 'close']))
    .option('--workers <n>', 'worker threads (default 1)')
    .option('--distributed', 'run trials on BullMQ workers (REDIS_URL; start them with neural-trader worker)')
    .option('--resume <id>', 'continue an interrupted run without redoing its finished trials')
    .option('--json', 'machine-readable output: trials, best, pbo, deflatedSharpe')
    .action(run(async () => (await import('./commands/optimize.js')).runOptimize));
  optimize
    .command('show')
    .description('a stored optimization run: ranked trials, best, PBO, deflated Sharpe')
    .argument('<id>', 'run id')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/optimize.js')).runOptimizeShow));

  program
    .command('worker')
    .description('consume distributed optimization trials from Redis (REDIS_URL) until stopped')
    .option('--concurrency <n>', 'trials at once in this process', '1')
    .option('--lock-duration <ms>', 'job lock; must outlast the longest trial', '60000')
    .action(run(async () => (await import('./commands/optimize.js')).runWorker));

  addNewsCommands(program, run);
  addForecastCommands(program, run);
  addTradeCommands(program, run);

  program
    .command('serve')
    .description('REST + WebSocket API server (OpenAPI docs at /docs); loopback only unless --host is given')
    .option('--host <host>', 'interface to listen on (default $HOST or 127.0.0.1)')
    .option('--port <n>', 'port (default $PORT or 8080)')
    .action(run(async () => (await import('./commands/serve.js')).runServe));

  program
    .command('sandbox')
    .description('local offline stand-ins for external services')
    .command('alpaca')
    .description('an Alpaca-compatible server (REST + streams) with the paper exchange behind it')
    .option('--port <n>', 'port on 127.0.0.1 (default: any free port)')
    .option('--speed <x>', 'replay speed: 60 = one minute of bars per second', '60')
    .option('--seed <n>', 'synthetic universe seed', '42')
    .action(run(async () => (await import('./commands/sandbox.js')).runAlpacaSandbox));

  program
    .command('doctor')
    .description('check Node, the data directory, the database, optional services and provider keys')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/doctor.js')).runDoctorCommand));

  program
    .command('demo')
    .description('the main job on embedded defaults: create the default synthetic universe and summarise it')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./commands/demo.js')).runDemo));

  return program;
}
