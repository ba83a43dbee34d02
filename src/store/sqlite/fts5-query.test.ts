import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import { toFts5Query } from './fts5-query.js';

const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2');
  INSERT INTO t (rowid, title, summary, body) VALUES
    (1, 'Apple beats earnings estimates', 'Guidance cut for the next quarter', 'Nestlé and semiconductors'),
    (2, 'Microsoft AND pie: x-ray (test)', 'Rate cut expected', 'Nothing "quoted" here'),
    (3, 'Tesla recalls cars', 'Brake fault', 'Apple is not mentioned in the title');`);
afterAll(() => db.close());

const rows = (query: string): number[] =>
  db
    .prepare<[string], number>('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid')
    .pluck()
    .all(toFts5Query(query));

describe('toFts5Query', () => {
  it('quotes every term, so operators and punctuation typed as text are searched for', () => {
    expect(toFts5Query('apple earnings')).toBe('"apple" AND "earnings"');
    expect(toFts5Query('AND x-ray (test) a"b')).toBe('"AND" AND "x-ray" AND "(test)" AND "a""b"');
    expect(rows('AND')).toEqual([1, 2]);
    expect(rows('x-ray (test)')).toEqual([2]);
    expect(rows('NOT')).toEqual([3]);
    expect(toFts5Query('a\u0000b')).toBe('"a b"');
  });

  it('supports phrases, prefixes, OR, exclusions and fields', () => {
    expect(rows('"guidance cut"')).toEqual([1]);
    expect(rows('"cut guidance"')).toEqual([]);
    expect(rows('semicond*')).toEqual([1]);
    expect(rows('tesla OR microsoft')).toEqual([2, 3]);
    expect(rows('apple -tesla')).toEqual([1]);
    expect(rows('apple -tesla -"brake fault"')).toEqual([1]);
    expect(rows('title:apple')).toEqual([1]);
    expect(rows('body:apple')).toEqual([3]);
    expect(rows('summary:"rate cut"')).toEqual([2]);
    expect(toFts5Query('apple -pie')).toBe('("apple") NOT ("pie")');
    expect(toFts5Query('Title:apple*')).toBe('{title} : "apple"*');
  });

  it('finds stems and letters without their accents', () => {
    expect(rows('earning')).toEqual([1]);
    expect(rows('nestle')).toEqual([1]);
  });

  it('refuses malformed queries with a message quoting the query', () => {
    const cases: [string, string][] = [
      ['', 'search query "" has no word to find'],
      ['&& ||', 'search query "&& ||" has no word to find'],
      ['-apple', 'search query "-apple" only excludes terms: add one to find'],
      ['apple OR', 'search query "apple OR" ends with OR'],
      ['OR apple', 'search query "OR apple" has an OR without a term before it'],
      ['apple OR OR pie', 'search query "apple OR OR pie" has an OR without a term before it'],
      ['apple OR -pie', 'search query "apple OR -pie" combines an excluded term with OR'],
      ['"rate cut', 'search query "\\"rate cut" has an unclosed quote'],
      [
        'headline:apple',
        'search query "headline:apple" names field "headline"; fields are title, summary, body',
      ],
    ];
    for (const [query, message] of cases) expect(() => toFts5Query(query), query).toThrow(message);
  });

  it('never produces an expression FTS5 rejects, whatever the text', () => {
    const accepted = (text: string): void => {
      let expression: string;
      try {
        expression = toFts5Query(text);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
        return;
      }
      expect(() => db.prepare('SELECT rowid FROM t WHERE t MATCH ?').all(expression)).not.toThrow();
    };
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), accepted), { numRuns: 1000 });
    // Text made of FTS5's own syntax characters and keywords.
    const pieces = fc.constantFrom(
      '"',
      '-',
      '*',
      ':',
      '(',
      ')',
      '^',
      '{',
      '}',
      '+',
      ' ',
      'OR',
      'AND',
      'NOT',
      'NEAR',
      'title:',
      'a',
      'b',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => accepted(parts.join(''))),
      {
        numRuns: 1000,
      },
    );
  });
});
