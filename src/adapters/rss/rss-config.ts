import { z } from 'zod';
import { commonProviderFields } from '../http/provider-config.js';

function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text.replace(/\{symbol\}/g, 'X')).protocol);
  } catch {
    return false;
  }
}

/**
 * One configured feed. `url` may hold `{symbol}`: the feed is then read once per symbol of the query (the
 * symbol URL-encoded into the URL) and its items are tagged with that symbol; a query without symbols reads
 * nothing from such a feed. No key is needed; some hosts (the SEC) require a User-Agent that names you.
 */
export const rssSourceConfigSchema = z.strictObject({
  /** Short kebab-case name; the source is called `rss:<name>`. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be kebab-case, e.g. "fed-press"'),
  url: z.string().refine(isHttpUrl, { error: 'must be an http(s) URL, optionally with {symbol}' }),
  /** Sent as User-Agent; required by sec.gov ("Company Name admin@company.example"). */
  userAgent: z.string().trim().min(1).nullish(),
  /** Language stamped on items when the feed does not state one. */
  language: z
    .string()
    .regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code such as "en"')
    .nullish(),
  /** Least time between two requests to this feed's host. */
  minIntervalMs: z.number().int().min(0).max(600_000).default(1_000),
  ...commonProviderFields,
});

export type RssSourceConfigInput = z.input<typeof rssSourceConfigSchema>;
export type RssSourceConfig = z.output<typeof rssSourceConfigSchema>;
