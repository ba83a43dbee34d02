import { describe, expect, it } from 'vitest';
import { ProviderError } from '../http/provider-error.js';
import { parseFeed } from './feed-parser.js';

const FEED_URL = 'https://www.federalreserve.gov/feeds/press_all.xml';

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>FRB: Press Release - All</title>
    <link>https://www.federalreserve.gov/</link>
    <language>en-us</language>
    <item>
      <title>Federal Reserve issues FOMC statement</title>
      <link>/newsevents/pressreleases/monetary20240320a.htm</link>
      <description><![CDATA[<p>The Committee decided to maintain the target range &amp; more.</p>]]></description>
      <content:encoded><![CDATA[<p>Recent indicators suggest that economic activity has been expanding.</p><p>Job gains remained strong.</p>]]></content:encoded>
      <pubDate>Wed, 20 Mar 2024 18:00:00 GMT</pubDate>
    </item>
    <item>
      <title>S&amp;P &lt; 4000? &#8220;Escaped&#8221; &amp;amp; title</title>
      <guid isPermaLink="true">https://www.federalreserve.gov/newsevents/pressreleases/other20240319a.htm</guid>
      <description>&lt;b&gt;Bold&lt;/b&gt; lead &amp;lt;tag&amp;gt;</description>
      <dc:date>2024-03-19T14:00:00-04:00</dc:date>
    </item>
    <item><title>No date</title><link>https://www.federalreserve.gov/x.htm</link></item>
    <item><title>No link</title><guid isPermaLink="false">abc-123</guid><pubDate>Wed, 20 Mar 2024 18:00:00 GMT</pubDate></item>
    <item><title>Script link</title><link>javascript:alert(1)</link><pubDate>Wed, 20 Mar 2024 18:00:00 GMT</pubDate></item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-US" xml:base="https://www.sec.gov/">
  <title>Latest Filings</title>
  <entry>
    <title>8-K - Acme Corp (0000111111) (Filer)</title>
    <link rel="alternate" type="text/html" href="Archives/edgar/data/111111/000011111124000010/0000111111-24-000010-index.htm"/>
    <summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; 2024-03-05 &lt;b&gt;AccNo:&lt;/b&gt; 0000111111-24-000010 &lt;b&gt;Size:&lt;/b&gt; 1 MB</summary>
    <updated>2024-03-05T17:02:11-05:00</updated>
    <category scheme="https://www.sec.gov/" label="form type" term="8-K"/>
  </entry>
  <entry xml:lang="de">
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Fed <b>raises</b> rates</div></title>
    <link rel="edit" href="https://example.org/edit/1"/>
    <link href="https://example.org/a/1"/>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Para one.</p><p>Para &amp; two.</p></div></content>
    <published>2024-03-04T10:00:00Z</published>
    <updated>2024-03-06T10:00:00Z</updated>
  </entry>
  <entry>
    <title type="text">Literal &lt;b&gt; text</title>
    <link href="https://example.org/a/2"/>
    <updated>2024-03-03T10:00:00Z</updated>
  </entry>
</feed>`;

function failure(run: () => unknown): ProviderError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error('expected the feed to be refused');
}

describe('parseFeed', () => {
  it('reads RSS 2.0 items: relative links resolved, CDATA and escaped HTML reduced to text, dates in both forms', () => {
    const feed = parseFeed(RSS, FEED_URL);
    expect(feed.format).toBe('rss');
    expect(feed.skipped).toBe(3); // no date, no link (guid not a permalink), a javascript: link
    expect(feed.entries).toEqual([
      {
        title: 'Federal Reserve issues FOMC statement',
        url: 'https://www.federalreserve.gov/newsevents/pressreleases/monetary20240320a.htm',
        summary: 'The Committee decided to maintain the target range & more.',
        body: 'Recent indicators suggest that economic activity has been expanding.\nJob gains remained strong.',
        publishedAt: Date.UTC(2024, 2, 20, 18),
        language: 'en',
      },
      {
        title: 'S&P < 4000? “Escaped” & title',
        url: 'https://www.federalreserve.gov/newsevents/pressreleases/other20240319a.htm',
        summary: 'Bold lead <tag>',
        body: null,
        publishedAt: Date.UTC(2024, 2, 19, 18),
        language: 'en',
      },
    ]);
  });

  it('reads Atom entries: xml:base, alternate links, html, xhtml and text constructs, published before updated', () => {
    const feed = parseFeed(ATOM, 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent');
    expect(feed.format).toBe('atom');
    expect(feed.entries).toEqual([
      {
        title: '8-K - Acme Corp (0000111111) (Filer)',
        url: 'https://www.sec.gov/Archives/edgar/data/111111/000011111124000010/0000111111-24-000010-index.htm',
        summary: 'Filed: 2024-03-05 AccNo: 0000111111-24-000010 Size: 1 MB',
        body: null,
        publishedAt: Date.UTC(2024, 2, 5, 22, 2, 11),
        language: 'en',
      },
      {
        title: 'Fed raises rates',
        url: 'https://example.org/a/1',
        summary: 'Para one. Para & two.',
        body: 'Para one.\nPara & two.',
        publishedAt: Date.UTC(2024, 2, 4, 10),
        language: 'de',
      },
      expect.objectContaining({
        title: 'Literal <b> text',
        summary: '',
        publishedAt: Date.UTC(2024, 2, 3, 10),
      }),
    ]);
  });

  it('reads RSS 1.0 (RDF) items with dc:date', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://example.org/"><title>T</title><dc:language>fr</dc:language></channel>
      <item rdf:about="https://example.org/1"><title>Un</title><dc:date>2024-03-05T14:30:00Z</dc:date></item>
    </rdf:RDF>`;
    expect(parseFeed(rdf, 'https://example.org/feed.rdf')).toEqual({
      format: 'rdf',
      skipped: 0,
      entries: [
        {
          title: 'Un',
          url: 'https://example.org/1',
          summary: '',
          body: null,
          publishedAt: Date.UTC(2024, 2, 5, 14, 30),
          language: 'fr',
        },
      ],
    });
  });

  it('accepts an empty channel', () => {
    expect(parseFeed('<rss version="2.0"><channel><title>x</title></channel></rss>', FEED_URL)).toEqual({
      format: 'rss',
      entries: [],
      skipped: 0,
    });
  });

  it('refuses XML that is not well-formed, naming line and column', () => {
    const error = failure(() =>
      parseFeed('<rss>\n<channel><item></channel></rss>', FEED_URL, 'RSS feed fed-press'),
    );
    expect(error).toMatchObject({ failure: 'invalid-payload', code: 'VALIDATION_FAILED' });
    expect(error.message).toMatch(/^RSS feed fed-press: not well-formed XML at line 2, column \d+: /);
    expect(failure(() => parseFeed('not xml at all <', FEED_URL)).failure).toBe('invalid-payload');
  });

  it('refuses a document that is neither RSS nor Atom', () => {
    expect(failure(() => parseFeed('<html><body>Moved</body></html>', FEED_URL)).message).toBe(
      'RSS feed: root element <html> is neither RSS (<rss>, <rdf:RDF>) nor Atom (<feed>)',
    );
  });

  it('refuses an item whose date cannot be read, naming the item and field', () => {
    const bad = RSS.replace('Wed, 20 Mar 2024 18:00:00 GMT', 'last Wednesday');
    expect(failure(() => parseFeed(bad, FEED_URL)).message).toBe(
      'RSS feed: item[0].pubDate "last Wednesday" is not an RFC 822 or RFC 3339 date',
    );
    const badAtom = ATOM.replace('2024-03-04T10:00:00Z', '04/03/2024');
    expect(failure(() => parseFeed(badAtom, FEED_URL)).message).toContain('entry[1].published "04/03/2024"');
  });
});
