import { describe, expect, it } from 'vitest';
import { instrumentId } from '../../core/ids.js';
import { makeTrade } from './tearsheet.fixture.js';
import { renderTradesTable } from './trades-table.js';

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('renderTradesTable', () => {
  it('lists each trade with dates in UTC and signed P&L classes', () => {
    const html = renderTradesTable([
      makeTrade(),
      makeTrade({ pnl: -5, returnPct: -0.005, direction: 'short' }),
    ]);
    expect(count(html, '<tr>')).toBe(3); // header + 2 rows
    expect(html).toContain('<td>2020-01-02</td>');
    expect(html).toContain('<td class="num pos">198.00</td>');
    expect(html).toContain('<td class="num neg">-5.00</td>');
    expect(html).toContain('<td class="num neg">-0.50%</td>');
    expect(html).toContain('<td>Short</td>');
    expect(html).not.toContain('truncated');
  });

  it('badges an open trade and escapes the instrument id', () => {
    const html = renderTradesTable([
      makeTrade({ open: true, instrumentId: instrumentId('<X>'), pnl: 0, returnPct: 0 }),
    ]);
    expect(html).toContain('<tr class="open">');
    expect(html).toContain('<span class="badge">open</span>');
    expect(html).toContain('<td>&lt;X&gt;</td>');
    expect(html).toContain('<td class="num">0.00</td>');
  });

  it('shows the first rows only and says how many there are', () => {
    const trades = Array.from({ length: 12 }, () => makeTrade());
    const html = renderTradesTable(trades, 10);
    expect(count(html, '<tr>')).toBe(11);
    expect(html).toContain('Showing the first 10 of 12 trades.');
  });

  it('says so when there are no trades', () => {
    expect(renderTradesTable([])).toBe('<p class="note">No trades.</p>');
  });
});
