/**
 * Turns a NewsItem, as a source delivered it, into what the store keeps and de-duplicates: text cleaned of
 * stray markup, the canonical URL, the title's fingerprint for near-duplicate search, and the symbols (the
 * source's tags plus those a SymbolTagger finds in the title and summary; the body is left out because long
 * texts mention many companies in passing).
 */
import { InvalidInputError, quote } from '../../core/errors.js';
import type { NewsItem } from '../news-item.types.js';
import { titleFingerprint, type TitleFingerprint } from '../dedup/simhash.js';
import { SymbolTagger } from '../tagging/symbol-tagger.js';
import { canonicalUrl } from './canonical-url.js';
import { normalizeTitle } from './normalize-title.js';
import { toPlainText } from './plain-text.js';

export interface PreparedArticle {
  readonly source: string;
  readonly url: string;
  readonly canonicalUrl: string;
  readonly title: string;
  readonly summary: string;
  readonly body: string | null;
  readonly publishedAt: number;
  /** Sorted, unique, upper case. */
  readonly symbols: readonly string[];
  /** Lower case ("en", "pt-br"), or null. */
  readonly language: string | null;
  readonly providerSentiment: number | null;
  readonly fingerprint: TitleFingerprint;
}

export interface PrepareArticleOptions {
  /** Adds the symbols the text mentions; without it only the source's tags are kept. */
  readonly tagger?: SymbolTagger;
}

/** Knows no instrument: keeps the source's own tags only (checked and sorted like the tagger's). */
const SOURCE_TAGS_ONLY = new SymbolTagger([]);
const LANGUAGE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$/;

/** Cleans and checks one item; rejects with INVALID_INPUT naming the item's url and the field at fault. */
export function prepareArticle(item: NewsItem, options: PrepareArticleOptions = {}): PreparedArticle {
  const where = `news item ${quote(item.url)}`;
  const source = item.source.trim();
  if (source.length === 0)
    throw new InvalidInputError(`${where} source ${quote(item.source)} must not be empty`);
  const title = toPlainText(item.title);
  if (title.length === 0) throw new InvalidInputError(`${where} title ${quote(item.title)} has no text`);
  if (!Number.isFinite(item.publishedAt))
    throw new InvalidInputError(`${where} publishedAt ${quote(item.publishedAt)} must be a finite epoch ms`);
  const sentiment = item.providerSentiment;
  if (sentiment !== null && !(sentiment >= -1 && sentiment <= 1))
    throw new InvalidInputError(`${where} providerSentiment ${quote(sentiment)} must be in [-1, 1] or null`);
  const language = item.language === null ? null : item.language.trim().toLowerCase();
  if (language !== null && !LANGUAGE.test(language))
    throw new InvalidInputError(
      `${where} language ${quote(item.language)} must be an ISO 639 code such as "en"`,
    );
  const summary = toPlainText(item.summary);
  const body = item.body === null ? null : toPlainText(item.body);
  const symbols = (options.tagger ?? SOURCE_TAGS_ONLY).tag(`${title}\n${summary}`, item.symbols);
  return {
    source,
    url: item.url.trim(),
    canonicalUrl: canonicalUrl(item.url),
    title,
    summary,
    body: body === null || body.length === 0 ? null : body,
    publishedAt: item.publishedAt,
    symbols,
    language,
    providerSentiment: sentiment,
    fingerprint: titleFingerprint(normalizeTitle(title)),
  };
}
