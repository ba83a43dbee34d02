import { describe, expect, it } from 'vitest';
import { SymbolTagger } from './symbol-tagger.js';
import { DEFAULT_TICKER_STOP_LIST } from './ticker-stop-list.js';

const tagger = new SymbolTagger(
  [
    { symbol: 'AAPL', name: 'Apple Inc.' },
    { symbol: 'ON', name: 'ON Semiconductor Corporation' },
    { symbol: 'IT', name: 'Gartner, Inc.' },
    { symbol: 'BRK.B', name: 'Berkshire Hathaway Inc. Class B' },
    { symbol: 'BAC', name: 'Bank of America Corporation' },
    { symbol: 'T', name: 'AT&T Inc.' },
    { symbol: 'GOOGL', name: 'Alphabet Inc. Class A' },
    { symbol: 'AMZN', name: 'Amazon.com, Inc.' },
    { symbol: 'F', name: null },
  ],
  { aliases: { GOOGL: ['Google'], META: ['Facebook'] } },
);

describe('SymbolTagger', () => {
  it('tags bare tickers, cashtags and company names, possessives included, sorted and unique', () => {
    expect(tagger.tag("Apple's iPhone sales beat; AAPL up, $AAPL trending")).toEqual(['AAPL']);
    expect(tagger.tag("Amazon.com and Google's cloud deal lifts Alphabet")).toEqual(['AMZN', 'GOOGL']);
    expect(tagger.tag('Facebook owner fined')).toEqual(['META']);
  });

  it('leaves stop-listed and one-letter tickers to cashtags and names', () => {
    expect(tagger.tag('Stocks rise ON hopes IT spending will grow; F and T shares flat')).toEqual([]);
    expect(tagger.tag('$ON jumps; ON Semiconductor beats; $IT, $T and $F also up')).toEqual([
      'F',
      'IT',
      'ON',
      'T',
    ]);
    expect(tagger.tag('AT&T cuts prices')).toEqual(['T']);
  });

  it('matches names only where the text capitalises them, connecting words excepted', () => {
    expect(tagger.tag('an apple a day; bank of america is a phrase here')).toEqual([]);
    expect(tagger.tag('Bank of America raises dividend')).toEqual(['BAC']);
    expect(tagger.tag('Berkshire Hathaway (BRK-B) buys more BRK/B')).toEqual(['BRK.B']);
  });

  it('ignores bare tickers in shouted headlines but still reads names and cashtags there', () => {
    expect(tagger.tag('APPLE BEATS AS BAC AND GOOGL FALL')).toEqual(['AAPL']);
    expect(tagger.tag('MARKETS RALLY AS $BAC JUMPS')).toEqual(['BAC']);
  });

  it('adds the source’s own tags, leaving out those that cannot be symbols', () => {
    expect(tagger.tag('Quiet day', ['msft', 'CRYPTO:BTC', ' nvda '])).toEqual(['MSFT', 'NVDA']);
  });

  it('takes the longest name where names overlap', () => {
    const overlapping = new SymbolTagger([
      { symbol: 'BAC', name: 'Bank of America Corporation' },
      { symbol: 'BK', name: 'Bank Holdings' },
    ]);
    expect(overlapping.tag('Bank of America and Bank report')).toEqual(['BAC', 'BK']);
  });

  it('can replace the stop list', () => {
    const strict = new SymbolTagger(
      [
        { symbol: 'ON', name: null },
        { symbol: 'GE', name: null },
      ],
      { stopList: ['ge'] },
    );
    expect(strict.tag('ON and GE shares')).toEqual(['ON']);
    expect(DEFAULT_TICKER_STOP_LIST).toContain('CEO');
    expect(new Set(DEFAULT_TICKER_STOP_LIST).size).toBe(DEFAULT_TICKER_STOP_LIST.length);
  });
});
