import { InvalidInputError, quote } from '../../core/errors.js';
import type { RssSourceConfigInput } from './rss-config.js';

export interface RssPreset {
  readonly description: string;
  /** Feed URL (may hold {symbol}); null when no documented feed URL could be confirmed. */
  readonly url: string | null;
  readonly needsUserAgent: boolean;
  readonly language: string | null;
}

/**
 * Feeds the original platform read (Yahoo Finance, the Federal Reserve, SEC EDGAR, the Treasury):
 * - `yahoo-finance`: Yahoo Finance headlines for one symbol per request (RSS 2.0).
 * - `fed-press`: all Federal Reserve Board press releases (RSS 2.0, listed at federalreserve.gov/feeds).
 * - `sec-8k`: EDGAR's latest 8-K filings (Atom); the SEC refuses requests without a User-Agent that names
 *   you and a contact email, and allows 10 requests a second.
 * - `treasury-press`: US Treasury press releases. No RSS or Atom feed URL for home.treasury.gov press
 *   releases could be confirmed from Treasury documentation (Treasury points subscribers to e-mail updates
 *   through GovDelivery; the old treasury.gov/rss pages are gone), so this preset has no URL: pass `url`
 *   with the feed you use, or use `fed-press` and `sec-8k` for official announcements.
 */
export const RSS_PRESETS = {
  'yahoo-finance': {
    description: 'Yahoo Finance headlines per symbol',
    url: 'https://feeds.finance.yahoo.com/rss/2.0/headline?s={symbol}&region=US&lang=en-US',
    needsUserAgent: false,
    language: 'en',
  },
  'fed-press': {
    description: 'Federal Reserve Board press releases',
    url: 'https://www.federalreserve.gov/feeds/press_all.xml',
    needsUserAgent: false,
    language: 'en',
  },
  'sec-8k': {
    description: 'SEC EDGAR current 8-K filings',
    url: 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K&output=atom',
    needsUserAgent: true,
    language: 'en',
  },
  'treasury-press': {
    description: 'US Treasury press releases (no confirmed feed URL: configure one)',
    url: null,
    needsUserAgent: false,
    language: 'en',
  },
} as const satisfies Record<string, RssPreset>;

export type RssPresetName = keyof typeof RSS_PRESETS;

export interface RssPresetOptions {
  /** Replaces the scheme, host and port of the preset URL, keeping its path and query (tests, mirrors). */
  readonly baseUrl?: string;
  /** A full feed URL, replacing the preset's (required for `treasury-press`). */
  readonly url?: string;
  readonly userAgent?: string;
  readonly cacheTtlSeconds?: number;
}

/** The RssSource settings for a preset, pointed at `baseUrl` when given. */
export function rssPresetConfig(name: RssPresetName, options: RssPresetOptions = {}): RssSourceConfigInput {
  const preset: RssPreset = RSS_PRESETS[name];
  if (preset === undefined)
    throw new InvalidInputError(
      `RSS preset ${quote(name)} is not one of ${Object.keys(RSS_PRESETS).join(', ')}`,
    );
  let url = options.url ?? preset.url;
  if (url === null) {
    throw new InvalidInputError(
      `RSS preset ${quote(name)} has no confirmed feed URL; pass the feed URL as "url"`,
    );
  }
  if (options.baseUrl !== undefined) {
    const origin = new URL(options.baseUrl);
    url = url.replace(/^https?:\/\/[^/]+/, `${origin.protocol}//${origin.host}`);
  }
  if (preset.needsUserAgent && options.userAgent === undefined) {
    throw new InvalidInputError(
      `RSS preset ${quote(name)} needs a userAgent naming you and a contact email (SEC policy)`,
    );
  }
  return {
    name,
    url,
    language: preset.language,
    ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
    ...(options.cacheTtlSeconds === undefined ? {} : { cacheTtlSeconds: options.cacheTtlSeconds }),
    ...(name === 'sec-8k' ? { minIntervalMs: 100 } : {}),
  };
}
