import { InvalidInputError, quote } from '../../core/errors.js';
import type { NewsSourceStatus } from '../../news/news-item.types.js';
import { parseJsonBody, validatePayload } from '../http/payload.js';
import { parseProviderConfig } from '../http/provider-config.js';
import { ProviderError } from '../http/provider-error.js';
import { ProviderHttp } from '../http/provider-http.js';
import { utcDate } from '../http/timestamps.js';
import type { ProviderDependencies } from '../http/timing.js';
import {
  describeFredError,
  FRED,
  fredConfigSchema,
  fredDate,
  observationsSchema,
  type FredConfig,
  type FredConfigInput,
} from './fred-payload.js';
import type { MacroObservation, MacroQuery, MacroSeries } from '../../news/macro-series.types.js';

/**
 * FRED (Federal Reserve Bank of St. Louis) series for macro context: GET /fred/series/observations with
 * series_id, api_key, file_type=json, observation_start / observation_end (YYYY-MM-DD; `to` is exclusive,
 * so the end is the day before it when `to` falls on midnight), sort_order and limit; pages with `offset`
 * while `count` says more remain. `.` (missing) becomes null. With `limit`, the latest `limit` observations
 * are asked for (sort_order=desc) and returned in date order. FRED takes the key only as `api_key` in the
 * query (masked in messages). 120 requests a minute: a token bucket. Cached for CACHE_TTL.
 */
export class FredClient {
  readonly name = 'fred';
  private readonly config: FredConfig;
  private readonly http: ProviderHttp;

  constructor(config: FredConfigInput, dependencies: ProviderDependencies = {}) {
    this.config = parseProviderConfig(FRED, fredConfigSchema, config);
    this.http = new ProviderHttp(
      {
        name: this.name,
        label: FRED,
        timeoutMs: this.config.timeoutMs,
        cacheTtlSeconds: this.config.cacheTtlSeconds,
        rateLimit: { requests: this.config.requestsPerMinute, windowMs: 60_000 },
        retry: this.config.retry,
        describeError: describeFredError,
      },
      dependencies,
    );
  }

  async observations(seriesId: string, query: MacroQuery = {}, signal?: AbortSignal): Promise<MacroSeries> {
    if (!/^[A-Za-z0-9_]{1,30}$/.test(seriesId)) {
      throw new InvalidInputError(
        `FRED series id ${quote(seriesId)} must be letters, digits and _ (e.g. "DGS10")`,
      );
    }
    if (query.limit !== undefined && !(Number.isInteger(query.limit) && query.limit >= 1)) {
      throw new InvalidInputError(`FRED limit ${quote(query.limit)} must be an integer >= 1`);
    }
    if (query.from !== undefined && query.to !== undefined && !(query.from < query.to)) {
      throw new InvalidInputError(`FRED from ${quote(query.from)} must be before to ${quote(query.to)}`);
    }
    const apiKey = this.config.apiKey;
    if (apiKey === null) {
      throw this.http.fail(
        new ProviderError(
          FRED,
          'missing-key',
          'FRED needs an API key: set FRED_API_KEY (https://fred.stlouisfed.org/docs/api/api_key.html)',
        ),
      );
    }
    const observations: MacroObservation[] = [];
    let units = '';
    const pageSize = Math.min(this.config.pageSize, query.limit ?? Number.POSITIVE_INFINITY);
    for (let offset = 0; ; offset += pageSize) {
      const url = new URL('/fred/series/observations', this.config.baseUrl);
      url.searchParams.set('series_id', seriesId);
      url.searchParams.set('api_key', apiKey);
      url.searchParams.set('file_type', 'json');
      if (query.from !== undefined)
        url.searchParams.set('observation_start', utcDate(Math.ceil(query.from / 86_400_000) * 86_400_000));
      if (query.to !== undefined) url.searchParams.set('observation_end', utcDate(query.to - 1));
      url.searchParams.set('sort_order', query.limit === undefined ? 'asc' : 'desc');
      url.searchParams.set('limit', String(pageSize));
      url.searchParams.set('offset', String(offset));
      const what = `series ${seriesId}`;
      const page = await this.http.get({
        url: url.toString(),
        ...(signal === undefined ? {} : { signal }),
        parse: (body) => validatePayload(FRED, observationsSchema, parseJsonBody(FRED, body, what), what),
      });
      units = page.units ?? units;
      for (const observation of page.observations) {
        observations.push({ date: fredDate(observation.date) as number, value: observation.value });
      }
      const done =
        page.observations.length === 0 ||
        offset + page.observations.length >= page.count ||
        (query.limit !== undefined && observations.length >= query.limit);
      if (done) break;
    }
    const inWindow = observations
      .filter(
        (o) =>
          (query.from === undefined || o.date >= query.from) && (query.to === undefined || o.date < query.to),
      )
      .sort((a, b) => a.date - b.date);
    return {
      seriesId,
      units,
      observations: query.limit === undefined ? inWindow : inWindow.slice(-query.limit),
    };
  }

  status(): NewsSourceStatus {
    return this.http.status.snapshot(this.config.apiKey !== null, null);
  }
}
