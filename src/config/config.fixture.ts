/**
 * Shared test fixtures for configuration: secrets with a distinctive marker ("zq9") so a test can assert
 * that no secret leaks anywhere by searching for the marker.
 */
export const SECRET_MARKER = 'zq9';

export const SECRET_ENV = {
  AUTH_ENABLED: 'true',
  JWT_SECRET_KEY: 'jwt-zq9-0123456789abcdef0123456789abcdef',
  AUTH_USERNAME: 'admin',
  AUTH_PASSWORD: 'pw-zq9-hunter2',
  ALPACA_API_KEY: 'PKzq9ALPACAKEY',
  ALPACA_SECRET_KEY: 'alpaca-zq9-secret',
  NEWS_API_KEY: 'news-zq9',
  FINNHUB_API_KEY: 'finnhub-zq9',
  POLYGON_API_KEY: 'polygon-zq9',
  ALPHA_VANTAGE_API_KEY: 'av-zq9',
  FRED_API_KEY: 'fred-k7w',
  DATABASE_URL: 'postgres://app:db-zq9-pw@db.internal:5432/trader',
  REDIS_URL: 'redis://:redis-zq9-pw@cache.internal:6379/0',
} as const;

/** A readFile stand-in over an in-memory map; throws like fs for a missing path. */
export function memoryFiles(files: Readonly<Record<string, string>>): (path: string) => string {
  return (path) => {
    const text = files[path];
    if (text === undefined) {
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    }
    return text;
  };
}
