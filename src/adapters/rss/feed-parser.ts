import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { quote } from '../../core/errors.js';
import { decodeEntities, htmlToLine, htmlToText } from '../http/html-text.js';
import { ProviderError } from '../http/provider-error.js';
import { parseFeedDate } from './feed-dates.js';

/** One item (RSS) or entry (Atom) in plain text, with an absolute link and a publication time. */
export interface FeedEntry {
  readonly title: string;
  readonly url: string;
  readonly summary: string;
  /** Full text (RSS content:encoded, Atom content) when the feed carries it. */
  readonly body: string | null;
  readonly publishedAt: number;
  /** ISO 639-1 from the channel's <language> or xml:lang (`en-us` -> `en`), else null. */
  readonly language: string | null;
}

export interface ParsedFeed {
  readonly format: 'rss' | 'rdf' | 'atom';
  readonly entries: FeedEntry[];
  /** Items left out because RSS allows them to lack a link or a date (all item elements are optional). */
  readonly skipped: number;
}

type Node = Record<string, unknown>;

/** Elements whose content may be HTML or XHTML: kept raw by the parser and decoded here. */
const TEXT_ELEMENTS = ['title', 'description', 'summary', 'content', 'content:encoded'];
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
  stopNodes: TEXT_ELEMENTS.map((name) => `*.${name}`),
});

const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

/** The character data of a raw element: CDATA sections literal, everything else entity-decoded once. */
function characterData(raw: string): string {
  let text = '';
  let last = 0;
  for (const match of raw.matchAll(CDATA)) {
    text += decodeEntities(raw.slice(last, match.index)) + (match[1] ?? '');
    last = match.index + match[0].length;
  }
  return text + decodeEntities(raw.slice(last));
}

function node(value: unknown): Node | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : null;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return text(value[0]);
  const element = node(value);
  return element === null ? '' : text(element['#text']);
}

/**
 * Plain text of a text construct. RSS fields are HTML by usage; Atom says so in `type`: `text` (literal),
 * `html` (escaped HTML) or `xhtml` (inline markup, kept raw by the parser).
 */
function plain(value: unknown, atom: boolean, multiline: boolean): string {
  const declared = node(value)?.['@_type'];
  const type = atom ? (typeof declared === 'string' ? declared : 'text') : 'html';
  const raw = text(value);
  if (type === 'text') return characterData(raw).replace(/\s+/g, ' ').trim();
  const html = type === 'xhtml' ? raw : characterData(raw);
  return multiline ? htmlToText(html) : htmlToLine(html);
}

function language(value: unknown): string | null {
  const match = /^([a-z]{2})(?:[-_]|$)/i.exec(text(value).trim());
  return match === null ? null : (match[1] as string).toLowerCase();
}

/** An absolute http(s) URL from a possibly relative link, or null. */
function absolute(link: string, base: string): string | null {
  if (link.trim() === '') return null;
  try {
    const url = new URL(link.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** RSS <link> text, else an atom:link alternate, else a permalink <guid>. */
function rssLink(item: Node): string {
  const links: unknown[] = Array.isArray(item.link) ? (item.link as unknown[]) : [];
  const plainLink = links.find((link) => typeof link === 'string' && link.trim() !== '');
  if (typeof plainLink === 'string') return plainLink;
  const atomLink = links
    .map(node)
    .find((link) => link !== null && (link['@_rel'] ?? 'alternate') === 'alternate');
  if (atomLink !== undefined && atomLink !== null) return text(atomLink['@_href']);
  const guid = item.guid;
  return node(guid)?.['@_isPermaLink'] === 'false' ? '' : text(guid);
}

function atomLink(entry: Node): string {
  const links = (Array.isArray(entry.link) ? (entry.link as unknown[]) : []).map(node);
  const alternate = links.find((link) => link !== null && (link['@_rel'] ?? 'alternate') === 'alternate');
  return text(alternate?.['@_href']);
}

function invalid(feed: string, message: string, cause?: unknown): ProviderError {
  return new ProviderError(
    feed,
    'invalid-payload',
    `${feed}: ${message}`,
    cause === undefined ? {} : { cause },
  );
}

/**
 * Parses an RSS 2.0, RSS 1.0 (RDF) or Atom 1.0 document into plain-text entries. Links are resolved
 * against xml:base or the feed's URL; HTML is reduced to text; pubDate is read as RFC 822, Atom
 * published/updated and dc:date as RFC 3339 (either form is accepted in either place, as feeds mix them).
 * Items without a usable link or date are skipped and counted: RSS makes every item element optional. A
 * document that is not well-formed XML, has another root, or holds a date that cannot be read fails with an
 * invalid-payload ProviderError naming the line or the field (`item[3].pubDate "yesterday"`).
 */
export function parseFeed(xml: string, feedUrl: string, feed = 'RSS feed'): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw invalid(feed, `not well-formed XML at line ${line}, column ${col}: ${msg}`);
  }
  let document: Node;
  try {
    document = parser.parse(xml) as Node;
  } catch (cause) {
    throw invalid(feed, 'could not be parsed as XML', cause);
  }
  const rss = node(document.rss);
  const rdf = node(document['rdf:RDF']);
  const atom = node(document.feed);
  if (rss === null && rdf === null && atom === null) {
    const root = Object.keys(document).find((key) => !key.startsWith('?')) ?? 'nothing';
    throw invalid(feed, `root element <${root}> is neither RSS (<rss>, <rdf:RDF>) nor Atom (<feed>)`);
  }
  const entries: FeedEntry[] = [];
  let skipped = 0;
  const add = (
    kind: string,
    index: number,
    fields: { link: string; dateField: string; date: string; base: string } & Omit<
      FeedEntry,
      'url' | 'publishedAt'
    >,
  ) => {
    const url = absolute(fields.link, fields.base);
    if (url === null || fields.date.trim() === '' || (fields.title === '' && fields.summary === '')) {
      skipped++;
      return;
    }
    const publishedAt = parseFeedDate(fields.date);
    if (publishedAt === null) {
      throw invalid(
        feed,
        `${kind}[${index}].${fields.dateField} ${quote(fields.date)} is not an RFC 822 or RFC 3339 date`,
      );
    }
    entries.push({
      title: fields.title,
      url,
      summary: fields.summary,
      body: fields.body,
      publishedAt,
      language: fields.language,
    });
  };
  if (atom !== null) {
    const feedBase = absolute(text(atom['@_xml:base']), feedUrl) ?? feedUrl;
    const feedLanguage = language(atom['@_xml:lang']);
    (Array.isArray(atom.entry) ? atom.entry : []).forEach((value, index) => {
      const entry = node(value) ?? {};
      const published = text(entry.published);
      const content = node(entry.content)?.['@_src'] === undefined ? plain(entry.content, true, true) : '';
      add('entry', index, {
        title: plain(entry.title, true, false),
        link: atomLink(entry),
        base: absolute(text(entry['@_xml:base']), feedBase) ?? feedBase,
        summary: plain(entry.summary, true, false) || htmlToLine(content),
        body: content === '' ? null : content,
        dateField: published === '' ? 'updated' : 'published',
        date: published === '' ? text(entry.updated) : published,
        language: language(entry['@_xml:lang']) ?? feedLanguage,
      });
    });
    return { format: 'atom', entries, skipped };
  }
  const channel = node(rss?.channel) ?? node(rdf?.channel) ?? {};
  const items = (rss === null ? rdf?.item : channel.item) ?? [];
  const channelLanguage = language(channel.language ?? channel['dc:language']);
  (Array.isArray(items) ? items : []).forEach((value, index) => {
    const item = node(value) ?? {};
    const pubDate = text(item.pubDate);
    const body = plain(item['content:encoded'], false, true);
    add('item', index, {
      title: plain(item.title, false, false),
      link: rssLink(item) || text(item['@_rdf:about']),
      base: feedUrl,
      summary: plain(item.description, false, false) || htmlToLine(body),
      body: body === '' ? null : body,
      dateField: pubDate === '' ? 'dc:date' : 'pubDate',
      date: pubDate === '' ? text(item['dc:date']) : pubDate,
      language: language(item['dc:language']) ?? channelLanguage,
    });
  });
  return { format: rss === null ? 'rdf' : 'rss', entries, skipped };
}
