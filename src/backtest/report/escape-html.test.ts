import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or close an attribute', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;',
    );
  });

  it('leaves other text, including non-ASCII, unchanged', () => {
    expect(escapeHtml('Buy & hold → S&P 500 · ▲')).toBe('Buy &amp; hold → S&amp;P 500 · ▲');
    expect(escapeHtml('plain')).toBe('plain');
  });
});
