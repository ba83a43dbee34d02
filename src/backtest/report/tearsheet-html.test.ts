import { describe, expect, it } from 'vitest';
import type { EquityCurve } from '../backtest.types.js';
import { renderTearsheet } from './index.js';
import { makeTrade, sampleTearsheetInput, weekdays } from './tearsheet.fixture.js';
import type { TearsheetInput } from './tearsheet.types.js';

const SVG_NAMESPACE = 'xmlns="http://www.w3.org/2000/svg"';

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

function flatCurve(ts: Float64Array, value = 100): EquityCurve {
  const n = ts.length;
  return {
    ts,
    equity: new Float64Array(n).fill(value),
    cash: new Float64Array(n).fill(value),
    grossExposure: new Float64Array(n),
  };
}

const tenYears = sampleTearsheetInput(2520, 30);

describe('renderTearsheet', () => {
  it('contains every section in order with four inline SVG charts', () => {
    const html = renderTearsheet(tenYears);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    const order = ['metrics', 'warnings', 'equity', 'drawdown', 'monthly-returns', 'price', 'trades'].map(
      (id) => html.indexOf(`<section id="${id}"`),
    );
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(count(html, '<svg ')).toBe(4);
    expect(count(html, '</svg>')).toBe(4);
    expect(html).toContain('<h1>sma-cross on ACME</h1>');
    expect(html).toContain('2015-01-02 → 2024-08-29 · 2,520 bars · 84 trades · dates in UTC');
    expect(html).toContain('<dt>Sharpe (arithmetic)</dt><dd>0.84</dd>');
    expect(html).toContain('<li>3 ambiguous bars</li>');
    expect(html).toContain('>Buy &amp; hold ACME</text>');
    expect(count(html, 'class="month-cell"')).toBe(10 * 12);
    expect(html).toContain('Generated 2025-01-15T12:00:00.000Z');
  });

  it('draws a buy and a sell marker per closed trade and only an entry marker for the open one', () => {
    const html = renderTearsheet(tenYears);
    let buys = 0;
    let sells = 0;
    for (const trade of tenYears.trades) {
      const long = trade.direction === 'long';
      if (long) buys++;
      else sells++;
      if (!trade.open) {
        if (long) sells++;
        else buys++;
      }
    }
    expect(tenYears.trades.filter((t) => t.open).length).toBe(1);
    expect(tenYears.trades.some((t) => t.direction === 'short')).toBe(true);
    expect(count(html, 'class="marker-buy"')).toBe(buys);
    expect(count(html, 'class="marker-sell"')).toBe(sells);
    expect(buys + sells).toBe(2 * tenYears.trades.length - 1);
    expect(count(html, '<tr class="open">')).toBe(1);
  });

  it('references nothing on the network: no URL but the SVG namespace, no script, no external resource', () => {
    const html = renderTearsheet(tenYears);
    expect(count(html, SVG_NAMESPACE)).toBe(4);
    const rest = html.replaceAll(SVG_NAMESPACE, '');
    expect(rest).not.toMatch(/https?:\/\//i);
    expect(rest).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('escapes every caller string', () => {
    const evil = '<script>alert("x")</script>';
    const html = renderTearsheet({
      ...tenYears,
      title: evil,
      subtitle: evil,
      generatedAt: evil,
      benchmark: { name: evil, equity: tenYears.benchmark!.equity },
      price: { ...tenYears.price!, symbol: evil },
      metrics: [{ label: evil, value: evil }],
      warnings: [evil],
    });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('alert("x")');
    expect(count(html, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')).toBeGreaterThanOrEqual(10);
  });

  it('is deterministic: the same input gives the same string', () => {
    const first = renderTearsheet(sampleTearsheetInput(600, 15, 3));
    const second = renderTearsheet(sampleTearsheetInput(600, 15, 3));
    expect(second).toBe(first);
    expect(renderTearsheet(sampleTearsheetInput(600, 15, 4))).not.toBe(first);
  });

  it('stays under 1 MB for a 10-year daily curve and for a million-point curve', () => {
    const daily = renderTearsheet(tenYears);
    expect(daily.length).toBeLessThan(1_000_000);
    const n = 1_000_000;
    const ts = Float64Array.from({ length: n }, (_, i) => Date.UTC(2015, 0, 1) + i * 60_000);
    const equity = Float64Array.from({ length: n }, (_, i) => 1e6 + 1e5 * Math.sin(i / 20_000) + (i % 97));
    const intraday = renderTearsheet({
      title: 'Minute bars',
      generatedAt: '2025-01-01T00:00:00Z',
      equity: { ts, equity, cash: equity, grossExposure: new Float64Array(n) },
      benchmark: { name: 'Flat', equity: new Float64Array(n).fill(1e6) },
      price: { symbol: 'ACME', ts, close: equity },
      trades: [],
      metrics: [],
      warnings: [],
    });
    expect(intraday.length).toBeLessThan(400_000);
  });

  it('lists the first 500 trades and says how many were left out', () => {
    const trades = Array.from({ length: 600 }, () =>
      makeTrade({ entryTs: Date.UTC(2016, 0, 4), exitTs: Date.UTC(2016, 0, 5) }),
    );
    const html = renderTearsheet({ ...tenYears, trades });
    expect(html).toContain('<h2>Trades (600)</h2>');
    expect(html).toContain('Showing the first 500 of 600 trades.');
    expect(count(html, '<tr>')).toBe(501);
    expect(count(html, 'class="marker-buy"')).toBe(600);
  });

  it('leaves out the optional sections and still renders an empty curve', () => {
    const input: TearsheetInput = {
      title: 'Empty',
      generatedAt: '2025-01-01T00:00:00Z',
      equity: flatCurve(new Float64Array(0)),
      trades: [],
      metrics: [],
      warnings: [],
    };
    const html = renderTearsheet(input);
    expect(html).not.toContain('id="warnings"');
    expect(html).not.toContain('id="price"');
    expect(html).not.toContain('class="subtitle"');
    expect(html).toContain('No equity data');
    expect(html).toContain('<p class="note">No metrics.</p>');
    expect(html).toContain('<p class="note">No trades.</p>');
    expect(count(html, '>No data</text>')).toBe(3);
    expect(html).not.toContain('NaN');
  });

  it('notes when only some trades get price markers', () => {
    const ts = weekdays(Date.UTC(2020, 0, 1), 300);
    const trades = Array.from({ length: 1005 }, () => makeTrade({ entryTs: ts[3]!, exitTs: ts[9]! }));
    const html = renderTearsheet({
      title: 'Busy',
      generatedAt: 'x',
      equity: flatCurve(ts),
      price: { symbol: 'ACME', ts, close: new Float64Array(300).fill(11) },
      trades,
      metrics: [],
      warnings: [],
    });
    expect(html).toContain('Markers show the first 1,000 of 1,005 trades on ACME.');
    expect(count(html, 'class="marker-buy"')).toBe(1000);
  });

  it('refuses series whose lengths disagree', () => {
    const ts = weekdays(Date.UTC(2020, 0, 1), 10);
    const base: TearsheetInput = {
      title: 't',
      generatedAt: 'g',
      equity: flatCurve(ts),
      trades: [],
      metrics: [],
      warnings: [],
    };
    expect(() =>
      renderTearsheet({ ...base, equity: { ...flatCurve(ts), equity: new Float64Array(9) } }),
    ).toThrow('equity.equity length "9" must equal equity.ts length "10"');
    expect(() =>
      renderTearsheet({ ...base, benchmark: { name: 'SPY', equity: new Float64Array(3) } }),
    ).toThrow('benchmark "SPY" length "3" must equal equity.ts length "10"');
    expect(() =>
      renderTearsheet({ ...base, price: { symbol: 'ACME', ts, close: new Float64Array(4) } }),
    ).toThrow('price "ACME" close length "4" must equal its ts length "10"');
  });
});
