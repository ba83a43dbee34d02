import { describe, expect, it } from 'vitest';
import { companyNames } from './company-names.js';

describe('companyNames', () => {
  it('strips legal forms, share classes and listing words from registered names', () => {
    const cases: [string, string[]][] = [
      ['Apple Inc.', ['Apple']],
      ['Apple Inc. Common Stock', ['Apple']],
      ['Alphabet Inc. Class A Common Stock', ['Alphabet']],
      ['Tesla, Inc.', ['Tesla']],
      ['Berkshire Hathaway Inc. Class B', ['Berkshire Hathaway']],
      ['The Coca-Cola Company', ['Coca-Cola']],
      ['JPMorgan Chase & Co.', ['JPMorgan Chase']],
      ['Microsoft Corporation', ['Microsoft']],
      ['The Goldman Sachs Group, Inc.', ['Goldman Sachs']],
      ['Procter & Gamble Company (The)', ['Procter & Gamble']],
      [
        'Taiwan Semiconductor Manufacturing Company Ltd. American Depositary Shares',
        ['Taiwan Semiconductor Manufacturing'],
      ],
      ['BP p.l.c. ADR', ['BP']],
      ['Shell plc', ['Shell']],
      ['Bank of America Corporation', ['Bank of America']],
    ];
    for (const [registered, expected] of cases)
      expect(companyNames(registered), registered).toEqual(expected);
  });

  it('adds the name without ".com"', () => {
    expect(companyNames('Amazon.com, Inc.')).toEqual(['Amazon.com', 'Amazon']);
  });

  it('never strips a name to nothing, and drops names shorter than two characters', () => {
    expect(companyNames('Holdings Inc')).toEqual(['Holdings']);
    expect(companyNames('X')).toEqual([]);
    expect(companyNames('   ')).toEqual([]);
  });
});
