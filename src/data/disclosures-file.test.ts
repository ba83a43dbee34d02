import { describe, expect, it } from 'vitest';
import { unwrap } from '../core/result.js';
import { DisclosuresRejectedError, parseDisclosuresFile, splitCsvLine } from './disclosures-file.js';

const HEADER =
  'filer_name,filer_cik,role,symbol,side,quantity,price,value,transaction_date,published_at,source,accession_number,shares_owned_after';

const CSV = [
  HEADER,
  '"Cook, Timothy D",1214156,officer,aapl,buy,1000,150.5,150500,2024-03-01,2024-03-04T21:15:00Z,form4,0001214156-24-000001,5000',
  '',
  'Big Fund LP,0001000001,institution,MSFT,sell,2000,400,800000,2023-12-31,2024-02-14T16:00:00-05:00,13f,0001000001-24-000007,',
].join('\r\n');

describe('parseDisclosuresFile (CSV)', () => {
  it('reads every column, pads the CIK, upper-cases the symbol and sorts by publication', () => {
    const trades = unwrap(parseDisclosuresFile(CSV));
    expect(trades).toEqual([
      {
        filer: { name: 'Big Fund LP', cik: '0001000001' },
        role: 'institution',
        symbol: 'MSFT',
        side: 'sell',
        quantity: 2000,
        price: 400,
        value: 800_000,
        transactionDate: Date.UTC(2023, 11, 31),
        publishedAt: Date.UTC(2024, 1, 14, 21), // 16:00 at -05:00 is 21:00 UTC
        source: '13f',
        accessionNumber: '0001000001-24-000007',
        sharesOwnedAfter: null,
      },
      {
        filer: { name: 'Cook, Timothy D', cik: '0001214156' },
        role: 'officer',
        symbol: 'AAPL',
        side: 'buy',
        quantity: 1000,
        price: 150.5,
        value: 150_500,
        transactionDate: Date.UTC(2024, 2, 1),
        publishedAt: Date.UTC(2024, 2, 4, 21, 15),
        source: 'form4',
        accessionNumber: '0001214156-24-000001',
        sharesOwnedAfter: 5000,
      },
    ]);
  });

  it('accepts camelCase columns in any order, epoch ms times and a missing value column', () => {
    const text = [
      'symbol,side,quantity,price,filerName,filerCik,role,transactionDate,publishedAt,source,accessionNumber',
      `IBM,buy,10,100,A,1,director,${Date.UTC(2024, 0, 2)},${Date.UTC(2024, 0, 3)},form4,0000000001-24-000001`,
    ].join('\n');
    const [trade] = unwrap(parseDisclosuresFile(text));
    expect(trade).toMatchObject({
      symbol: 'IBM',
      value: 1000,
      sharesOwnedAfter: null,
      publishedAt: Date.UTC(2024, 0, 3),
    });
  });

  it('reports every bad row with its line, the column, the value as written and what was expected', () => {
    const text = [
      HEADER,
      'A,1,officer,AAA,buy,-5,10,-50,2024-01-02,2024-01-03,form4,0000000001-24-000001,',
      'A,1,chairman,AAA,buy,5,10,50,2024-01-02,2024-01-03,form4,0000000001-24-000002,',
      'A,1,officer,AAA,buy,5,10,50,2024-01-05,2024-01-03,form4,0000000001-24-000003,',
      'A,1,officer,AAA,buy,5,10,50,2024-13-05,yesterday,form4,0000000001-24-000004,',
      'A,1,officer,AAA,buy,5,10',
      '"A,1,officer',
    ].join('\n');
    const result = parseDisclosuresFile(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.error.issues.map((i) => i.message);
    expect(messages).toContain('line 2: quantity "-5": quantity must be a finite number > 0');
    expect(messages).toContain('line 2: value "-50": value must be a finite number > 0');
    expect(messages.some((m) => m.startsWith('line 3: role "chairman":'))).toBe(true);
    expect(messages).toContain(
      'line 4: published_at "2024-01-03": publishedAt must not be before transactionDate',
    );
    expect(messages).toContain(
      'line 5: transaction_date "2024-13-05": must be an ISO 8601 date or time (2024-03-01, 2024-03-01T21:15:00Z) or epoch ms',
    );
    expect(messages.some((m) => m.startsWith('line 5: published_at "yesterday"'))).toBe(true);
    expect(messages).toContain('line 6: 7 fields, the header has 13');
    expect(messages).toContain('line 7: an unterminated quote');
    expect(result.error).toBeInstanceOf(DisclosuresRejectedError);
    expect(result.error.message).toMatch(/^disclosures rejected \(\d+ errors\): line 2: .*; and \d+ more$/);
    expect(result.error.code).toBe('INVALID_INPUT');
  });

  it('rejects a value that is not quantity x price', () => {
    const text = [
      HEADER,
      'A,1,officer,AAA,buy,5,10,500,2024-01-02,2024-01-03,form4,0000000001-24-000001,',
    ].join('\n');
    const result = parseDisclosuresFile(text);
    expect(!result.ok && result.error.issues[0]?.message).toBe(
      'line 2: value "500": value must equal quantity x price (within 0.5%)',
    );
  });

  it('names missing columns and refuses an empty file', () => {
    const noSide = parseDisclosuresFile('filer_name,filer_cik\nA,1');
    expect(!noSide.ok && noSide.error.message).toContain('lacks column(s) role, symbol, side');
    const empty = parseDisclosuresFile('\n\n');
    expect(!empty.ok && empty.error.message).toContain('line 1: the file has no disclosed trades');
    const headerOnly = parseDisclosuresFile(HEADER);
    expect(headerOnly.ok).toBe(false);
    const badHeader = parseDisclosuresFile('"filer_name,x\n');
    expect(!badHeader.ok && badHeader.error.message).toContain('unterminated quote in the header');
  });
});

describe('parseDisclosuresFile (JSON lines)', () => {
  const line = {
    filer: { name: 'A', cik: '1' },
    role: 'director',
    symbol: 'aaa',
    side: 'buy',
    quantity: 10,
    price: 5,
    value: 50,
    transactionDate: '2024-01-02',
    publishedAt: Date.UTC(2024, 0, 3, 22),
    source: 'form4',
    accessionNumber: '0000000001-24-000001',
  };

  it('reads objects with ISO or epoch times and a missing stake', () => {
    const [trade] = unwrap(parseDisclosuresFile(`\uFEFF${JSON.stringify(line)}\n\n`));
    expect(trade).toEqual({
      ...line,
      filer: { name: 'A', cik: '0000000001' },
      symbol: 'AAA',
      transactionDate: Date.UTC(2024, 0, 2),
      sharesOwnedAfter: null,
    });
  });

  it('reports bad JSON, non-objects, unknown fields and bad times by line', () => {
    const text = [
      JSON.stringify(line),
      '{not json',
      '[1, 2]',
      JSON.stringify({ ...line, colour: 'red' }),
      JSON.stringify({ ...line, publishedAt: 'soon' }),
    ].join('\n');
    const result = parseDisclosuresFile(text, 'jsonl');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.error.issues.map((i) => i.message);
    expect(messages[0]).toMatch(/^line 2: not a JSON object \(/);
    expect(messages[1]).toBe('line 3: [1,2] is not a JSON object');
    expect(messages[2]).toMatch(/^line 4: row .*colour/);
    expect(messages[3]).toBe(
      'line 5: publishedAt "soon": must be an ISO 8601 date or time (2024-03-01, 2024-03-01T21:15:00Z) or epoch ms',
    );
  });
});

describe('splitCsvLine', () => {
  it('splits on commas outside quotes and unescapes doubled quotes', () => {
    expect(splitCsvLine('a,"b, c","say ""hi""",')).toEqual(['a', 'b, c', 'say "hi"', '']);
    expect(splitCsvLine('"x"y,z')).toEqual(['xy', 'z']);
    expect(splitCsvLine('"open')).toBeNull();
    expect(splitCsvLine('')).toEqual(['']);
  });
});
