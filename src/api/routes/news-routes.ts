import { resolve } from 'node:path';
import { z } from 'zod';
import { buildMacroClient, buildNewsSources } from '../../app/news/build-news-sources.js';
import { fetchNews } from '../../app/news/fetch-news.js';
import type { NewsContext } from '../../app/news/news-context.js';
import { newsSentiment } from '../../app/news/news-sentiment.js';
import { loadNewsSettings } from '../../app/news/news-settings.js';
import { NewsStatusLog } from '../../app/news/news-status-log.js';
import { newsTrends } from '../../app/news/news-trends.js';
import { scoreHeadline } from '../../app/news/score-headline.js';
import { searchNews } from '../../app/news/search-news.js';
import { sourcesStatus } from '../../app/news/sources-status.js';
import { createNewsPipeline } from '../../app/news/store-news-items.js';
import type { ApiContext, RouteModule } from '../api-context.js';
import {
  asResponse,
  dateSchema,
  errorResponses,
  jsonSafe,
  symbolListSchema,
  symbolSchema,
  withoutUndefined,
} from '../schemas/common.js';
import {
  durationSchema,
  searchSchema,
  sentimentSchema,
  trendsSchema,
  sourceStatusSchema,
  scoreSchema,
  fetchBodySchema,
  fetchResultSchema,
} from '../schemas/news-schemas.js';

/**
 * The news context of the server, built on first use (so an invalid news-sources.json fails the news
 * requests with its message, not the server's start) and kept: the adapters' counters and caches live with it.
 */
function newsContextOf(context: ApiContext): () => NewsContext {
  let built: NewsContext | null = null;
  return () => {
    if (built === null) {
      const dataDir = resolve(context.config.data.dir);
      const settings = loadNewsSettings(dataDir);
      built = {
        store: context.store,
        settings,
        sources: buildNewsSources(context.config, settings),
        macro: buildMacroClient(context.config, settings),
        log: NewsStatusLog.inDataDir(dataDir),
        clock: { now: context.now },
      };
    }
    return built;
  };
}

/** Stored news (search, sentiment, trends), the sources' status, headline scoring and fetching news. */
export const newsRoutes: RouteModule = {
  name: 'news',
  register(app, context) {
    const news = newsContextOf(context);

    app.get(
      '/news/search',
      {
        schema: {
          tags: ['news'],
          summary: 'Full-text search of the stored articles (third-party text, marked untrusted)',
          querystring: z.strictObject({
            q: z.string().trim().min(1).max(1_000).describe('words, "phrases", prefix*, OR, -exclusion'),
            symbol: symbolSchema.optional(),
            from: dateSchema.optional().describe('published at or after'),
            to: dateSchema.optional().describe('published before'),
            limit: z.coerce.number().int().min(1).max(1_000).optional().describe('default 20'),
          }),
          response: { 200: searchSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { q, ...filters } = withoutUndefined(request.query);
        return asResponse(searchSchema, jsonSafe(await searchNews(context.store, q, filters)));
      },
    );

    app.get(
      '/news/sentiment/:symbol',
      {
        schema: {
          tags: ['news'],
          summary: "A symbol's news sentiment over a trailing window: latest reading, series, articles",
          params: z.object({ symbol: symbolSchema }),
          querystring: z.strictObject({ window: durationSchema.default(7 * 86_400_000) }),
          response: { 200: sentimentSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { store, clock } = news();
        const result = await newsSentiment(store, clock, {
          symbol: request.params.symbol,
          windowMs: request.query.window,
        });
        return asResponse(sentimentSchema, jsonSafe(result));
      },
    );

    app.get(
      '/news/trends',
      {
        schema: {
          tags: ['news'],
          summary: 'Sentiment momentum and volume/sentiment spikes of every symbol in the stored news',
          querystring: z.strictObject({
            window: durationSchema.optional().describe('default 30d'),
            symbols: symbolListSchema.optional(),
          }),
          response: { 200: trendsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { store, clock } = news();
        const { window, symbols } = request.query;
        const result = await newsTrends(store, clock, {
          ...(window === undefined ? {} : { windowMs: window }),
          ...(symbols === undefined ? {} : { symbols }),
        });
        return asResponse(trendsSchema, jsonSafe(result));
      },
    );

    app.get(
      '/news/sources/status',
      {
        schema: {
          tags: ['news'],
          summary: 'Each news source (and FRED): configured or what to set, quota left, last success/error',
          response: { 200: z.array(sourceStatusSchema), ...errorResponses },
        },
      },
      () => {
        const { sources, macro, log, clock } = news();
        return asResponse(z.array(sourceStatusSchema), jsonSafe(sourcesStatus(sources, macro, log, clock)));
      },
    );

    app.post(
      '/news/score',
      {
        schema: {
          tags: ['news'],
          summary: 'Score a headline or short text with the finance lexicon: score in [-1, 1], confidence',
          body: z.strictObject({ text: z.string().min(1).max(100_000) }).meta({ id: 'HeadlineScoreRequest' }),
          response: { 200: scoreSchema, ...errorResponses },
        },
      },
      (request) => asResponse(scoreSchema, jsonSafe(scoreHeadline(request.body.text))),
    );

    app.post(
      '/news/fetch',
      {
        config: { access: 'trader' },
        schema: {
          tags: ['news'],
          summary:
            'Fetch news from the sources and store it; a source without its key is reported, not asked',
          body: fetchBodySchema,
          response: { 200: fetchResultSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { store, sources, clock, log } = news();
        const result = await fetchNews(
          { pipeline: await createNewsPipeline(store), sources, clock, log },
          withoutUndefined(request.body),
        );
        return asResponse(fetchResultSchema, jsonSafe(result));
      },
    );
  },
};
