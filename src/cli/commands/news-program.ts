import type { Command } from 'commander';
import type { CommandRunner } from '../program.js';

/** What buildProgram wraps a lazily loaded command runner with. */
export type RunAction = (load: () => Promise<CommandRunner>) => (...params: unknown[]) => Promise<void>;

/**
 * The `news` command tree (fetch, search, sentiment, trends, sources status, score). Kept apart from
 * program.ts, which it joins through one call; like the others, a command's module loads only when it runs.
 */
export function addNewsCommands(program: Command, run: RunAction): void {
  const news = program
    .command('news')
    .description('collect, search and score financial news; sentiment and trends per symbol');
  news
    .command('fetch')
    .description('fetch news from the configured sources into the store (tagged, de-duplicated, scored)')
    .option('--sources <list>', 'e.g. newsapi,finnhub,rss:fed-press (default: every source)')
    .option('--symbols <list>', 'tickers to ask for, e.g. AAPL,MSFT (default: general news)')
    .option('--from <date>', 'published at or after')
    .option('--to <date>', 'published before')
    .option('--limit <n>', 'at most this many items per source')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./news.js')).runNewsFetch));
  news
    .command('search')
    .description('full-text search of the stored articles (words, "phrases", prefix*, OR, -word)')
    .argument('<query...>', 'what to search for')
    .option('--symbol <symbol>', 'only articles about this symbol')
    .option('--from <date>', 'published at or after')
    .option('--to <date>', 'published before')
    .option('--limit <n>', 'at most this many hits (default 20)')
    .option('--duplicates', 'also list the copies of a story')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./news.js')).runNewsSearch));
  news
    .command('sentiment')
    .description("a symbol's news sentiment: latest decayed reading, series, volume, novelty")
    .requiredOption('--symbol <symbol>', 'symbol')
    .option('--window <duration>', 'trailing window, e.g. 24h, 7d, 4w', '7d')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./news.js')).runNewsSentiment));
  news
    .command('trends')
    .description('sentiment momentum and news spikes per symbol over the stored articles')
    .option('--window <duration>', 'trailing window (default 30d)')
    .option('--symbols <list>', 'only these symbols')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./news.js')).runNewsTrends));
  news
    .command('sources')
    .description('the news sources')
    .command('status')
    .description('configured or not (and what to set), requests today, quota left, last success and error')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./news.js')).runNewsSourcesStatus));
  news
    .command('score')
    .description('score the sentiment of a headline or text with the finance-aware lexicon')
    .argument('<text...>', 'the headline')
    .option('--json', 'machine-readable output (score in [-1, 1])')
    .action(run(async () => (await import('./news.js')).runNewsScore));
}
