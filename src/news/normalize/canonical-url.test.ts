import { describe, expect, it } from 'vitest';
import { canonicalUrl } from './canonical-url.js';

describe('canonicalUrl', () => {
  it('folds scheme, host case, www, default ports, credentials, fragment and trailing slashes', () => {
    expect(canonicalUrl('HTTP://WWW.Example.COM:80/News/Story/#top')).toBe('https://example.com/News/Story');
    expect(canonicalUrl('https://user:secret@example.com.:443/a/b//')).toBe('https://example.com/a/b');
    expect(canonicalUrl('https://example.com')).toBe('https://example.com/');
    expect(canonicalUrl('  https://example.com/a/../b/./c  ')).toBe('https://example.com/b/c');
  });

  it('keeps a non-default port and the case of the path', () => {
    expect(canonicalUrl('http://example.com:8443/Report?')).toBe('https://example.com:8443/Report');
  });

  it('drops tracking parameters and sorts the rest by name, then value', () => {
    expect(
      canonicalUrl(
        'https://news.example/a?utm_source=rss&UTM_Medium=x&fbclid=1&gclid=2&id=7&.tsrc=rss&feedType=RSS&b=2&a=1',
      ),
    ).toBe('https://news.example/a?a=1&b=2&id=7');
    expect(canonicalUrl('https://news.example/a?x=2&x=1&X=0')).toBe('https://news.example/a?X=0&x=1&x=2');
    expect(canonicalUrl('https://news.example/a?utm_campaign=z')).toBe('https://news.example/a');
    expect(canonicalUrl('https://news.example/a?q=rate%20cut')).toBe('https://news.example/a?q=rate+cut');
  });

  it('gives the same key to the copies of one link seen in different feeds', () => {
    const copies = [
      'https://www.reuters.com/markets/fed-holds/?utm_source=rss&utm_medium=feed',
      'http://reuters.com/markets/fed-holds#main',
      'https://reuters.com/markets/fed-holds?ref=yahoo',
    ];
    expect(new Set(copies.map(canonicalUrl)).size).toBe(1);
  });

  it('refuses what is not an absolute http(s) URL, quoting it', () => {
    expect(() => canonicalUrl('/relative/path')).toThrow(
      'article url "/relative/path" must be an absolute http(s) URL',
    );
    expect(() => canonicalUrl('ftp://example.com/file')).toThrow(
      'article url "ftp://example.com/file" has scheme "ftp"; it must be http or https',
    );
    expect(() => canonicalUrl('')).toThrow('article url ""');
  });
});
