import { describe, expect, it } from 'vitest';
import { toPlainText } from './plain-text.js';

describe('toPlainText', () => {
  it('removes tags, comments, scripts and styles, keeping the words between them apart', () => {
    expect(toPlainText('<p>Apple <b>beats</b></p><p>estimates</p>')).toBe('Apple beats estimates');
    expect(toPlainText('A<!-- tracking -->B<script>var x = "<p>";</script>C<style>p{}</style>D')).toBe(
      'A B C D',
    );
    expect(toPlainText('<img src="x.png" alt="chart"/>Shares<br/>rise')).toBe('Shares rise');
    expect(toPlainText('Full <B>text</B>, <a href="/x">link</a>ed<span class="s">.</span>')).toBe(
      'Full text, linked.',
    );
  });

  it('keeps a less-than sign that does not open a tag', () => {
    expect(toPlainText('EPS < 1.00 and P/E > 20')).toBe('EPS < 1.00 and P/E > 20');
  });

  it('decodes named, decimal and hexadecimal references once, after removing tags', () => {
    expect(toPlainText('AT&amp;T &ndash; Q3: &quot;strong&quot; &#36;5 &#x20AC;4 &hellip;')).toBe(
      'AT&T – Q3: "strong" $5 €4 …',
    );
    expect(toPlainText('&lt;b&gt;not a tag&lt;/b&gt; &amp;lt;')).toBe('<b>not a tag</b> &lt;');
    expect(toPlainText('&AMP; &unknown; &#0; &#xD800; &#1114112;')).toBe('& &unknown; \ufffd \ufffd \ufffd');
  });

  it('drops zero-width characters and collapses white space, non-breaking spaces included', () => {
    expect(toPlainText('  Fed\u200b holds&nbsp;\n\t rates\ufeff ')).toBe('Fed holds rates');
    expect(toPlainText('soft&shy;hyphen')).toBe('softhyphen');
  });
});
