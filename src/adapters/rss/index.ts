export { RssSource } from './rss-source.js';
export { rssSourceConfigSchema, type RssSourceConfig, type RssSourceConfigInput } from './rss-config.js';
export {
  RSS_PRESETS,
  rssPresetConfig,
  type RssPreset,
  type RssPresetName,
  type RssPresetOptions,
} from './rss-presets.js';
export { parseFeed, type FeedEntry, type ParsedFeed } from './feed-parser.js';
export { parseFeedDate, parseRfc822 } from './feed-dates.js';
