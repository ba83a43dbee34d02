import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RSS_PRESETS, type RssPresetName } from '../../adapters/rss/index.js';
import { InvalidInputError, quote } from '../../core/errors.js';

/** The file, in the data directory, that configures the news sources beyond the API keys. */
export const NEWS_SETTINGS_FILE = 'news-sources.json';

const PRESET_NAMES = Object.keys(RSS_PRESETS) as [RssPresetName, ...RssPresetName[]];
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** A feed of your own: `rss:<name>` reads `url` (which may hold `{symbol}`: one request per symbol). */
const customFeedSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be kebab-case, e.g. "my-feed"'),
  url: z.string().min(1),
  userAgent: z.string().trim().min(1).optional(),
  language: z.string().optional(),
});

/**
 * News source settings that are not secrets (the keys come from the environment through AppConfig):
 * - `secUserAgent`: the User-Agent the SEC's fair-access policy requires ("Acme Research admin@acme.example");
 *   without it `sec-edgar` and the `sec-8k` feed are not configured (the SEC answers 403 to anonymous clients);
 * - `feeds`: RSS/Atom feeds to read, preset names (yahoo-finance, fed-press, sec-8k, treasury-press) or
 *   `{name, url}`; default: every preset with a confirmed URL;
 * - `baseUrls`: replaces a provider's scheme and host (a mirror, a proxy, or a local test server);
 * - `treasuryFeedUrl`: the Treasury press-release feed you use (the preset has no confirmed URL).
 */
export const newsSettingsSchema = z.strictObject({
  secUserAgent: z.string().trim().min(1).nullish(),
  feeds: z.array(z.union([z.enum(PRESET_NAMES), customFeedSchema])).optional(),
  treasuryFeedUrl: httpUrl.optional(),
  baseUrls: z
    .strictObject({
      newsapi: httpUrl,
      finnhub: httpUrl,
      alphavantage: httpUrl,
      fred: httpUrl,
      secData: httpUrl,
      secArchive: httpUrl,
      rss: httpUrl,
    })
    .partial()
    .default({}),
});

export type NewsSettingsInput = z.input<typeof newsSettingsSchema>;
export type NewsSettings = z.output<typeof newsSettingsSchema>;
export type CustomFeed = z.output<typeof customFeedSchema>;

/** Presets read when `feeds` is not set: those with a confirmed feed URL. */
export const DEFAULT_FEEDS: readonly RssPresetName[] = PRESET_NAMES.filter(
  (name) => RSS_PRESETS[name].url !== null,
);

/** Validates settings given in code (API, MCP, tests); the error names the field and the value. */
export function parseNewsSettings(input: unknown, origin = 'news settings'): NewsSettings {
  const parsed = newsSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new InvalidInputError(
    `${origin}${path === '' ? '' : ` field ${quote(path)}`}: ${issue?.message ?? 'invalid'}`,
    { cause: parsed.error },
  );
}

/**
 * The settings in `<dataDir>/news-sources.json`, or the defaults when there is no such file. A file that
 * exists but is not valid JSON, or breaks the schema, is an error naming the file (never silently ignored).
 */
export function loadNewsSettings(dataDir: string): NewsSettings {
  const path = join(dataDir, NEWS_SETTINGS_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return parseNewsSettings({});
    throw new InvalidInputError(`news settings ${quote(path)} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`news settings ${quote(path)} is not JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseNewsSettings(json, `news settings ${quote(path)}`);
}
