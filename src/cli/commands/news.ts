import { fetchNews } from '../../app/news/fetch-news.js';
import { newsContext, type NewsContext } from '../../app/news/news-context.js';
import { newsSentiment } from '../../app/news/news-sentiment.js';
import { newsTrends } from '../../app/news/news-trends.js';
import { scoreHeadline } from '../../app/news/score-headline.js';
import { searchNews } from '../../app/news/search-news.js';
import { sourcesStatus } from '../../app/news/sources-status.js';
import { createNewsPipeline } from '../../app/news/store-news-items.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from '../exit-codes.js';
import { renderTable } from '../table.js';
import { printJson, withContext } from './context.js';
import { dateFlag, integerFlag, isoDate, listFlag } from './parse-flags.js';

/*
 * `neural-trader news ...`: a thin shell over app/news. News text printed here is third-party content
 * (the JSON marks every article `untrusted: true`, `contentTrust: "external"`).
 */

const UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90m`, `24h`, `7d`, `2w` → milliseconds. */
export function durationFlag(name: string, value: unknown): number {
  const text = String(value).trim();
  const match = /^(\d+(?:\.\d+)?)([mhdw])$/.exec(text);
  const ms = match === null ? Number.NaN : Number(match[1]) * (UNITS[match[2] as string] as number);
  if (!(ms >= 60_000)) {
    throw new UsageError(`--${name} "${text}" must be a duration such as 90m, 24h, 7d or 2w (at least 1m)`);
  }
  return ms;
}

const fixed = (x: number | null, digits = 3): string => (x === null ? 'n/a' : x.toFixed(digits));

async function withNews<T>(
  io: CliIo,
  options: Record<string, unknown>,
  body: (news: NewsContext) => Promise<T>,
): Promise<T> {
  return withContext(io, options, (context) => body(newsContext(context)));
}

export async function runNewsFetch(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<number> {
  const named = options['sources'] === undefined ? undefined : listFlag(options['sources']);
  return withNews(io, options, async (news) => {
    const result = await fetchNews(
      {
        pipeline: await createNewsPipeline(news.store),
        sources: news.sources,
        clock: news.clock,
        log: news.log,
      },
      {
        ...(named === undefined ? {} : { sources: named }),
        ...(options['symbols'] === undefined ? {} : { symbols: listFlag(options['symbols']) }),
        ...(options['from'] === undefined ? {} : { from: dateFlag('from', options['from']) }),
        ...(options['to'] === undefined ? {} : { to: dateFlag('to', options['to']) }),
        ...(options['limit'] === undefined
          ? {}
          : { limit: integerFlag('limit', options['limit'], 1, 10_000) }),
      },
    );
    if (options['json'] === true) printJson(io, result);
    else {
      writeLine(
        io.stdout,
        renderTable(
          ['source', 'status', 'fetched', 'new', 'duplicates', 'merged', 'note'],
          result.sources.map((r) => [
            r.source,
            r.status,
            r.fetched,
            r.inserted,
            r.duplicates,
            r.merged,
            r.error ?? '',
          ]),
        ),
      );
      const t = result.totals;
      writeLine(
        io.stdout,
        `${t.fetched} fetched, ${t.inserted} new, ${t.duplicates} duplicates, ${t.merged} merged; ${t.failed} failed, ${t.notConfigured} not configured`,
      );
    }
    // A source the user named that cannot run is a configuration problem to fix (exit 2); a failure is 1.
    const unconfigured =
      named === undefined ? [] : result.sources.filter((r) => r.status === 'not-configured');
    for (const r of unconfigured)
      writeLine(io.stderr, `error: ${r.error ?? `${r.source} is not configured`}`);
    const failed = result.sources.filter((r) => r.status === 'failed');
    for (const r of failed) writeLine(io.stderr, `error: ${r.source} failed: ${r.error ?? ''}`);
    return unconfigured.length > 0 ? EXIT_USAGE : failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
  });
}

export async function runNewsSearch(
  io: CliIo,
  args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const query = args.join(' ');
  await withContext(io, options, async (context) => {
    const result = await searchNews(context.store(), query, {
      ...(typeof options['symbol'] === 'string' ? { symbol: options['symbol'] } : {}),
      ...(options['from'] === undefined ? {} : { from: dateFlag('from', options['from']) }),
      ...(options['to'] === undefined ? {} : { to: dateFlag('to', options['to']) }),
      ...(options['limit'] === undefined ? {} : { limit: integerFlag('limit', options['limit'], 1, 1_000) }),
      ...(options['duplicates'] === true ? { includeDuplicates: true } : {}),
    });
    if (options['json'] === true) {
      printJson(io, result);
      return;
    }
    if (result.hits.length === 0) writeLine(io.stdout, `no stored article matches ${JSON.stringify(query)}`);
    for (const { article, snippet } of result.hits) {
      const tone = article.sentiment === null ? '' : ` · sentiment ${article.sentiment.toFixed(2)}`;
      writeLine(io.stdout, `${article.published.slice(0, 16)}  [${article.source}] ${article.title}`);
      writeLine(io.stdout, `    ${snippet}`);
      writeLine(io.stdout, `    ${article.symbols.join(', ') || '-'}${tone} · ${article.url}`);
    }
  });
}

export async function runNewsSentiment(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const windowText = typeof options['window'] === 'string' ? options['window'] : '7d';
  const windowMs = durationFlag('window', windowText);
  await withNews(io, options, async (news) => {
    const result = await newsSentiment(news.store, news.clock, {
      symbol: String(options['symbol']),
      windowMs,
    });
    if (options['json'] === true) {
      printJson(io, result);
      return;
    }
    const latest = result.latest;
    writeLine(
      io.stdout,
      latest === null
        ? `${result.symbol}: no stored articles in the last ${windowText}`
        : `${result.symbol} sentiment ${fixed(latest.score)} (confidence ${fixed(latest.confidence ?? null)}, ${latest.articles} articles, latest ${isoDate(latest.asOf)})`,
    );
    writeLine(
      io.stdout,
      `window: ${result.volume} articles, novelty ${fixed(result.novelty, 2)}, mean score ${fixed(result.windowMean)}`,
    );
    writeLine(
      io.stdout,
      renderTable(
        ['time', 'sentiment', 'articles', 'step mean'],
        result.series.map((p) => [
          isoDate(p.ts).slice(0, 16),
          fixed(p.sentiment),
          p.volume,
          fixed(p.windowSentiment),
        ]),
      ),
    );
    for (const article of result.articles) {
      writeLine(
        io.stdout,
        `${article.published.slice(0, 16)}  ${fixed(article.sentiment, 2)}  ${article.title}`,
      );
    }
  });
}

export async function runNewsTrends(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  await withNews(io, options, async (news) => {
    const result = await newsTrends(news.store, news.clock, {
      ...(options['window'] === undefined ? {} : { windowMs: durationFlag('window', options['window']) }),
      ...(options['symbols'] === undefined ? {} : { symbols: listFlag(options['symbols']) }),
    });
    if (options['json'] === true) {
      printJson(io, result);
      return;
    }
    if (result.symbols.length === 0) writeLine(io.stdout, 'no stored articles in the window');
    else
      writeLine(
        io.stdout,
        renderTable(
          ['symbol', 'articles', 'momentum', 'fast', 'slow', 'today', 'volume z', 'sentiment z', 'spikes'],
          result.symbols.map((t) => [
            t.symbol,
            t.articles,
            fixed(t.momentum),
            fixed(t.shortSentiment),
            fixed(t.longSentiment),
            t.volume,
            fixed(t.volumeZ, 2),
            fixed(t.sentimentZ, 2),
            t.spikes.map((s) => `${s.kind} ${isoDate(s.ts).slice(0, 10)} z=${s.z.toFixed(1)}`).join('; '),
          ]),
        ),
      );
  });
}

export async function runNewsSourcesStatus(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  await withNews(io, options, (news) => {
    const rows = sourcesStatus(news.sources, news.macro, news.log, news.clock);
    if (options['json'] === true) printJson(io, rows);
    else
      writeLine(
        io.stdout,
        renderTable(
          ['source', 'configured', 'requests today', 'quota left', 'last success', 'last error', 'note'],
          rows.map((r) => [
            r.name,
            r.configured ? 'yes' : 'no',
            r.requestsToday,
            r.quotaRemaining === null ? '-' : String(r.quotaRemaining),
            isoDate(r.lastSuccessAt),
            r.lastError === null ? '' : `${isoDate(r.lastErrorAt)} ${r.lastError}`,
            r.problem ?? '',
          ]),
        ),
      );
    return Promise.resolve();
  });
}

export function runNewsScore(
  io: CliIo,
  args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const result = scoreHeadline(args.join(' '));
  if (options['json'] === true) printJson(io, result);
  else {
    writeLine(
      io.stdout,
      `score ${result.score.toFixed(3)} ${result.label} (confidence ${result.confidence.toFixed(2)})`,
    );
    if (result.sentences.length > 1)
      for (const s of result.sentences) writeLine(io.stdout, `  ${s.score.toFixed(3)}  ${s.text}`);
  }
  return Promise.resolve();
}
