export { HttpClient, excerpt, type ErrorDescriber, type FetchFunction, type HttpGet } from './http-client.js';
export { ProviderError, PROVIDER_FAILURES, redactUrl, type ProviderFailure } from './provider-error.js';
export { ProviderHttp, type ProviderGet, type ProviderHttpConfig } from './provider-http.js';
export { ProviderStatusTracker } from './provider-status.js';
export { RateLimiter, type RateLimit } from './rate-limiter.js';
export { RequestQuota } from './request-quota.js';
export { ResponseCache } from './response-cache.js';
export { DEFAULT_RETRY_POLICY, backoffMs, withRetry, type RetryPolicy } from './retry.js';
export { realSleep, systemClock, type ProviderDependencies, type Sleep } from './timing.js';
export { checkNewsQuery, querySymbols, selectNews } from './news-query.js';
export { decodeEntities, htmlToLine, htmlToText } from './html-text.js';
export {
  epochMsToZonedWallTime,
  parseRfc3339,
  utcDate,
  utcFromParts,
  zonedWallTimeToEpochMs,
} from './timestamps.js';
export { fieldPath, parseJsonBody, validatePayload } from './payload.js';
export { apiKeySchema, baseUrl, commonProviderFields, parseProviderConfig } from './provider-config.js';
