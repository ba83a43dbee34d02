import { describe, expect, it } from 'vitest';
import { at, child, childrenNamed, textAt } from './xml-element.js';
import { parseXml, XmlParseError } from './xml-parser.js';

describe('parseXml', () => {
  it('reads elements, attributes, text, entities, character references, CDATA and namespaces', () => {
    const root = parseXml(
      [
        '\uFEFF<?xml version="1.0" encoding="UTF-8"?>',
        '<!-- a comment -->',
        '<ns1:informationTable xmlns:ns1="http://www.sec.gov/edgar/document/thirteenf/informationtable">',
        '  <ns1:infoTable id=\'1\' note="a &amp; b">',
        '    <ns1:nameOfIssuer>AT&amp;T INC &#x41;&#66; &lt;x&gt; &quot;q&quot; &apos;s&apos;</ns1:nameOfIssuer>',
        '    <ns1:remark><![CDATA[<raw> & text]]></ns1:remark>',
        '    <ns1:empty/>',
        '    <?pi ignored?>',
        '  </ns1:infoTable>',
        '</ns1:informationTable>',
        '',
      ].join('\n'),
    );
    expect(root.name).toBe('ns1:informationTable');
    expect(root.localName).toBe('informationTable');
    expect(root.attributes).toEqual({
      'xmlns:ns1': 'http://www.sec.gov/edgar/document/thirteenf/informationtable',
    });
    const table = child(root, 'infoTable');
    expect(table?.attributes).toEqual({ id: '1', note: 'a & b' });
    expect(textAt(root, 'infoTable/nameOfIssuer')).toBe('AT&T INC AB <x> "q" \'s\'');
    expect(textAt(root, 'infoTable/remark')).toBe('<raw> & text');
    expect(at(root, 'infoTable/empty')?.children).toEqual([]);
    expect(textAt(root, 'infoTable/empty')).toBeNull();
    expect(textAt(root, 'infoTable/missing/deeper')).toBeNull();
    expect(childrenNamed(root, 'infoTable')).toHaveLength(1);
  });

  it('keeps repeated children in document order', () => {
    const root = parseXml('<a><b>1</b><c/><b>2</b><b>3</b></a>');
    expect(childrenNamed(root, 'b').map((b) => b.text)).toEqual(['1', '2', '3']);
  });

  it.each([
    ['<a><b></a>', 'closing tag "a" does not match "b"', 1, 9],
    ['<a>', 'unclosed element "a"', 1, 4],
    ['<a></a><b/>', 'a second root element', 1, 8],
    ['<a></a>text', 'text outside the root element', 1, 8],
    ['<a>x & y</a>', '"&" must start an entity', 1, 6],
    ['<a>&nbsp;</a>', 'undefined entity "&nbsp;"', 1, 4],
    ['<a>&#0;</a>', 'undefined entity "&#0;"', 1, 4],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a/>', 'DOCTYPE is not supported', 1, 1],
    ['<a b="1" b="2"/>', 'attribute "b" is repeated', 1, 10],
    ['<a b=1/>', 'attribute "b" needs a quoted value', 1, 6],
    ['<a b="<"/>', '"<" is not allowed here', 1, 7],
    ['<a b="1"c="2"/>', 'expected a space before the attribute', 1, 9],
    ['<a b/>', 'expected "=" after attribute "b"', 1, 5],
    ['<a b="x/>', 'unclosed value of attribute "b"', 1, 6],
    ['<a\n  <!-- x --></a>', 'expected a name, found "<!-- x -->"', 2, 3],
    ['<a><!-- x -- y --></a>', '"--" is not allowed inside a comment', 1, 11],
    ['<a><!-- x </a>', 'unclosed comment', 1, 4],
    ['<a><![CDATA[x</a>', 'unclosed CDATA section', 1, 4],
    ['<![CDATA[x]]><a/>', 'CDATA outside the root element', 1, 1],
    ['<a><?pi </a>', 'unclosed processing instruction', 1, 4],
    ['<a/><?xml version="1.0"?>', 'the XML declaration must come first', 1, 5],
    ['<a><!ELEMENT a ANY></a>', 'unsupported markup declaration', 1, 4],
    ['</a>', 'closing tag "a" without an open element', 1, 3],
    ['<a></a >x', 'text outside the root element', 1, 9],
    ['<a></a', 'expected ">" to close "a"', 1, 7],
    ['<1a/>', 'expected a name', 1, 2],
    ['<a', 'unclosed tag "a"', 1, 3],
    ['', 'no root element', 1, 1],
    ['  <!-- only a comment -->  ', 'no root element', 1, 28],
  ])('refuses %j: %s (line %i, column %i)', (xml, message, line, column) => {
    let caught: unknown;
    try {
      parseXml(xml);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(XmlParseError);
    const error = caught as XmlParseError;
    expect(error.message).toContain(message);
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.code).toBe('INVALID_INPUT');
  });

  it('refuses nesting deeper than 512 elements', () => {
    expect(() => parseXml('<a>'.repeat(600) + '</a>'.repeat(600))).toThrow('nested deeper than 512');
  });
});
