import { describe, expect, it } from 'vitest';
import { secFixture } from './sec-fixtures.fixture.js';
import {
  parseInformationTable,
  thirteenFChanges,
  valueMultiplier,
  type ThirteenFReport,
} from './thirteen-f.js';

const Q3 = parseInformationTable(secFixture('2000001/000200000124000031/infotable_q3.xml'));
const Q4 = parseInformationTable(secFixture('2000001/000200000125000004/Form13F_InfoTable_Q4.xml'));
const manager = { name: 'Example Capital Management LLC', cik: '0002000001' };
const report = (
  holdings: typeof Q3,
  period: number,
  publishedAt: number,
  accessionNumber: string,
): ThirteenFReport => ({
  filer: manager,
  accessionNumber,
  periodOfReport: period,
  publishedAt,
  holdings,
});
const previous = report(Q3, Date.UTC(2024, 8, 30), Date.UTC(2024, 10, 12, 21), '0002000001-24-000031');
const current = report(Q4, Date.UTC(2024, 11, 31), Date.UTC(2025, 1, 13, 21, 30), '0002000001-25-000004');
const symbols = new Map([
  ['004321105', 'ACME'],
  ['987654321', 'OLDC'],
  ['222222104', 'STDY'],
]);

describe('parseInformationTable', () => {
  it('reads every infoTable, with or without a namespace prefix', () => {
    expect(Q3).toHaveLength(5);
    expect(Q3[1]).toEqual({
      nameOfIssuer: 'ACME WIDGETS INC',
      titleOfClass: 'PUT',
      cusip: '004321105',
      value: 130_000,
      amount: 5000,
      amountType: 'SH',
      putCall: 'Put',
      investmentDiscretion: 'SOLE',
    });
    expect(Q3[3]?.amountType).toBe('PRN');
    expect(Q4.map((h) => h.investmentDiscretion)).toEqual(['SOLE', 'DFND', 'SOLE', 'SOLE']);
  });

  it('names the row and field of a bad holding', () => {
    const xml = secFixture('2000001/000200000124000031/infotable_q3.xml');
    expect(() => parseInformationTable(xml.replace('<cusip>987654321', '<cusip>98765'))).toThrow(
      'infoTable 3 cusip "98765": CUSIP must be 9 letters or digits',
    );
    expect(() => parseInformationTable(xml.replace('<value>500000', '<value>5e5'))).toThrow(
      'infoTable 5 value "5e5" must be a decimal number',
    );
    expect(() =>
      parseInformationTable(xml.replace('<investmentDiscretion>SOLE', '<investmentDiscretion>MINE')),
    ).toThrow('infoTable 1 investmentDiscretion "MINE"');
    expect(() => parseInformationTable('<ownershipDocument/>')).toThrow('must be informationTable');
  });
});

describe('thirteenFChanges', () => {
  it('turns the change in shares per CUSIP into trades, leaving out options, principal amounts and unchanged holdings', () => {
    const { trades, unmappedCusips } = thirteenFChanges(previous, current, symbols);
    const common = {
      filer: manager,
      role: 'institution',
      transactionDate: Date.UTC(2024, 11, 31),
      publishedAt: Date.UTC(2025, 1, 13, 21, 30),
      source: '13f',
      accessionNumber: '0002000001-25-000004',
    };
    expect(trades).toEqual([
      // ACME: 100,000 -> 120,000 + 30,000 = 150,000 shares; price (3,360,000 + 840,000) / 150,000 = 28.00
      {
        ...common,
        symbol: 'ACME',
        side: 'buy',
        quantity: 50_000,
        price: 28,
        value: 1_400_000,
        sharesOwnedAfter: 150_000,
      },
      // OLDCO sold out: 30,000 at the previous quarter's 900,000 / 30,000 = 30.00
      {
        ...common,
        symbol: 'OLDC',
        side: 'sell',
        quantity: 30_000,
        price: 30,
        value: 900_000,
        sharesOwnedAfter: 0,
      },
    ]);
    expect(unmappedCusips).toEqual(['555555107']); // NEWCO: bought, but the caller gave no symbol
  });

  it('reads values in thousands before 2023-01-03 and in dollars from then on', () => {
    expect(valueMultiplier(Date.UTC(2022, 10, 14))).toBe(1000);
    expect(valueMultiplier(Date.UTC(2023, 0, 3, 4, 59))).toBe(1000); // 23:59 on 2 January in New York
    expect(valueMultiplier(Date.UTC(2023, 0, 3, 5))).toBe(1);
    const old = { ...previous, publishedAt: Date.UTC(2022, 10, 14) };
    const oldCurrent = {
      ...current,
      publishedAt: Date.UTC(2022, 11, 1),
      periodOfReport: Date.UTC(2022, 10, 30),
    };
    const oldPrevious = { ...old, periodOfReport: Date.UTC(2022, 8, 30) };
    const [acme] = thirteenFChanges(oldPrevious, oldCurrent, symbols).trades;
    expect(acme?.price).toBe(28_000); // the same table read in thousands: 4,200,000 x 1000 / 150,000 = 28,000
  });

  it('refuses reports of two managers or out of order', () => {
    expect(() =>
      thirteenFChanges(previous, { ...current, filer: { name: 'B', cik: '0000000002' } }, symbols),
    ).toThrow('two managers');
    expect(() => thirteenFChanges(current, previous, symbols)).toThrow('earlier quarter');
  });
});
