import { describe, expect, it } from 'vitest';
import { parseForm4 } from './form4.js';
import { secFixture } from './sec-fixtures.fixture.js';

const PURCHASE = secFixture('111111/000100000124000003/wk-form4_1709681415.xml');
const SALE = secFixture('111111/000100000224000011/form4.xml');
const published = { accessionNumber: '0001000001-24-000003', publishedAt: Date.UTC(2024, 2, 5, 23, 30, 15) };

describe('parseForm4', () => {
  it('reads the open-market purchases of an officer and skips the award', () => {
    const report = parseForm4(PURCHASE, published);
    expect(report.issuerSymbol).toBe('ACME');
    expect(report.owner).toEqual({ name: 'Doe Jane', cik: '0001000001' });
    const common = {
      filer: { name: 'Doe Jane', cik: '0001000001' },
      role: 'officer', // isOfficer and isDirector both true: officer comes first
      symbol: 'ACME',
      side: 'buy',
      publishedAt: published.publishedAt,
      source: 'form4',
      accessionNumber: '0001000001-24-000003',
    };
    expect(report.trades).toEqual([
      // 10,000 x 25.50 = 255,000
      {
        ...common,
        quantity: 10_000,
        price: 25.5,
        value: 255_000,
        transactionDate: Date.UTC(2024, 2, 4),
        sharesOwnedAfter: 110_000,
      },
      // 2,000 x 25.75 = 51,500
      {
        ...common,
        quantity: 2_000,
        price: 25.75,
        value: 51_500,
        transactionDate: Date.UTC(2024, 2, 5),
        sharesOwnedAfter: 112_000,
      },
    ]);
    expect(report.skipped).toEqual([
      { index: 2, code: 'A', reason: 'code "A" is not an open-market purchase (P) or sale (S)' },
    ]);
  });

  it('reads a director sale with numeric flags, a zoned date and a short CIK, and skips a gift without price', () => {
    const report = parseForm4(SALE, {
      accessionNumber: '0001000002-24-000011',
      publishedAt: Date.UTC(2024, 5, 11, 21, 5, 2),
    });
    expect(report.trades).toEqual([
      {
        filer: { name: 'Roe Richard', cik: '0001000002' },
        role: 'director',
        symbol: 'ACME',
        side: 'sell',
        quantity: 3000,
        price: 27.1,
        value: 3000 * 27.1, // 81,300
        transactionDate: Date.UTC(2024, 5, 10),
        publishedAt: Date.UTC(2024, 5, 11, 21, 5, 2),
        source: 'form4',
        accessionNumber: '0001000002-24-000011',
        sharesOwnedAfter: 47_000,
      },
    ]);
    expect(report.skipped.map((s) => s.code)).toEqual(['G']);
  });

  it('gives a ten-percent owner that role, and nothing for an owner with no listed relationship', () => {
    const tenPercent = PURCHASE.replace('<isDirector>true', '<isDirector>false')
      .replace('<isOfficer>true', '<isOfficer>false')
      .replace('<isTenPercentOwner>false', '<isTenPercentOwner>true');
    expect(parseForm4(tenPercent, published).trades[0]?.role).toBe('ten-percent-owner');
    const other = tenPercent.replace('<isTenPercentOwner>true', '<isTenPercentOwner>false');
    const report = parseForm4(other, published);
    expect(report.trades).toEqual([]);
    expect(report.skipped[0]?.reason).toContain('not an officer, director or ten-percent owner');
  });

  it('skips P/S rows without a price or with zero shares', () => {
    const noPrice = SALE.replace('<value>27.10</value>', '');
    expect(parseForm4(noPrice, published).skipped[0]).toEqual({
      index: 0,
      code: 'S',
      reason: 'no price per share',
    });
    const zero = SALE.replace('<value>3000</value>', '<value>0</value>');
    expect(parseForm4(zero, published).skipped[0]?.reason).toBe('zero shares');
  });

  it.each([
    [
      PURCHASE.replace('<ownershipDocument>', '<ownershipDoc>').replace(
        '</ownershipDocument>',
        '</ownershipDoc>',
      ),
      'must be ownershipDocument',
    ],
    [
      PURCHASE.replace('<documentType>4<', '<documentType>3<'),
      'ownership document type "3" must be 4 or 4/A',
    ],
    [PURCHASE.replace('>ACME<', '>NONE<'), 'issuerTradingSymbol "NONE"'],
    [
      PURCHASE.replace('<rptOwnerCik>0001000001', '<rptOwnerCik>12x'),
      'rptOwnerCik (digits) and rptOwnerName; got "12x"',
    ],
    [SALE.replace('<value>D</value>', '<value>A</value>'), 'code S needs acquired/disposed D, got "A"'],
    [
      SALE.replace('<value>3000</value>', '<value>3,000</value>'),
      'nonDerivativeTransaction 1 shares "3,000" must be a decimal number',
    ],
    [
      SALE.replace('2024-06-10-04:00', '2024-02-30'),
      'transaction date "2024-02-30" must be a date YYYY-MM-DD',
    ],
    [
      SALE.replace('<value>27.10</value>', '<value>-1</value>'),
      'price "-1": price must be a finite number > 0',
    ],
    [PURCHASE.replace('</ownershipDocument>', ''), 'malformed XML: XML line'],
  ])('refuses a document that breaks the format (%#: %s)', (xml, message) => {
    expect(() => parseForm4(xml, published)).toThrow(message);
  });

  it('refuses a trade dated after its publication', () => {
    expect(() => parseForm4(PURCHASE, { ...published, publishedAt: Date.UTC(2024, 2, 4, 12) })).toThrow(
      'publishedAt must not be before transactionDate',
    );
  });
});
