import { describe, expect, it } from 'vitest';
import { easternToEpochMs } from './eastern-time.js';
import { secFixture } from './sec-fixtures.fixture.js';
import { parseSecHeader } from './sec-header.js';

describe('easternToEpochMs', () => {
  it('applies UTC-5 in winter and UTC-4 in summer', () => {
    expect(easternToEpochMs(2024, 1, 15, 16, 30, 0)).toBe(Date.UTC(2024, 0, 15, 21, 30));
    expect(easternToEpochMs(2024, 7, 1, 17, 5, 2)).toBe(Date.UTC(2024, 6, 1, 21, 5, 2));
  });

  it('switches at 02:00 on the second Sunday of March and the first Sunday of November (since 2007)', () => {
    // 2024: DST from Sunday 10 March to Sunday 3 November.
    expect(easternToEpochMs(2024, 3, 10, 1, 59, 59)).toBe(Date.UTC(2024, 2, 10, 6, 59, 59)); // EST
    expect(easternToEpochMs(2024, 3, 10, 3, 0, 0)).toBe(Date.UTC(2024, 2, 10, 7)); // EDT
    expect(easternToEpochMs(2024, 11, 3, 1, 30, 0)).toBe(Date.UTC(2024, 10, 3, 5, 30)); // read as EDT
    expect(easternToEpochMs(2024, 11, 3, 2, 30, 0)).toBe(Date.UTC(2024, 10, 3, 7, 30)); // EST
  });

  it('uses the 1987-2006 rule: first Sunday of April to last Sunday of October', () => {
    // 2006: DST from Sunday 2 April to Sunday 29 October.
    expect(easternToEpochMs(2006, 4, 1, 12, 0, 0)).toBe(Date.UTC(2006, 3, 1, 17)); // EST
    expect(easternToEpochMs(2006, 4, 2, 12, 0, 0)).toBe(Date.UTC(2006, 3, 2, 16)); // EDT
    expect(easternToEpochMs(2006, 10, 28, 12, 0, 0)).toBe(Date.UTC(2006, 9, 28, 16)); // EDT
    expect(easternToEpochMs(2006, 10, 29, 12, 0, 0)).toBe(Date.UTC(2006, 9, 29, 17)); // EST
    expect(easternToEpochMs(1980, 7, 1, 12, 0, 0)).toBe(Date.UTC(1980, 6, 1, 17)); // before 1987: standard
  });
});

describe('parseSecHeader', () => {
  it('reads a Form 4 header: acceptance time in New York time, owner and issuer', () => {
    const header = parseSecHeader(secFixture('111111/000100000124000003/0001000001-24-000003.hdr.sgml'));
    expect(header).toEqual({
      accessionNumber: '0001000001-24-000003',
      formType: '4',
      acceptedAt: Date.UTC(2024, 2, 5, 23, 30, 15), // 18:30:15 EST
      periodOfReport: Date.UTC(2024, 2, 4),
      filer: null,
      reportingOwner: { name: 'Doe Jane', cik: '0001000001' },
      issuer: { name: 'Acme Widgets Inc.', cik: '0000111111' },
    });
  });

  it('reads a 13F-HR header: the manager as filer and the quarter end', () => {
    const header = parseSecHeader(secFixture('2000001/000200000124000031/0002000001-24-000031.hdr.sgml'));
    expect(header.formType).toBe('13F-HR');
    expect(header.acceptedAt).toBe(Date.UTC(2024, 10, 12, 21)); // 16:00 EST
    expect(header.periodOfReport).toBe(Date.UTC(2024, 8, 30));
    expect(header.filer).toEqual({ name: 'Example Capital Management LLC', cik: '0002000001' });
  });

  it('reads the header at the top of a full submission and stops at </SEC-HEADER>', () => {
    const text = [
      '<SEC-DOCUMENT>0000000001-24-000001.txt : 20240701',
      '<SEC-HEADER>0000000001-24-000001.hdr.sgml : 20240701',
      '<ACCEPTANCE-DATETIME>20240701090000',
      'ACCESSION NUMBER:\t\t0000000001-24-000001',
      'CONFORMED SUBMISSION TYPE:\t4/A',
      '</SEC-HEADER>',
      'CONFORMED PERIOD OF REPORT:\t20240630',
    ].join('\r\n');
    const header = parseSecHeader(text);
    expect(header.formType).toBe('4/A');
    expect(header.acceptedAt).toBe(Date.UTC(2024, 6, 1, 13)); // 09:00 EDT
    expect(header.periodOfReport).toBeNull();
  });

  it('refuses a header without acceptance time, accession or form, or with impossible dates', () => {
    const good = secFixture('111111/000100000124000003/0001000001-24-000003.hdr.sgml');
    expect(() => parseSecHeader(good.replace(/<ACCEPTANCE-DATETIME>\d+/, ''))).toThrow('ACCEPTANCE-DATETIME');
    expect(() => parseSecHeader(good.replace('20240305183015', '20241305183015'))).toThrow(
      'acceptance time "<ACCEPTANCE-DATETIME>20241305183015" is not a valid date and time',
    );
    expect(() => parseSecHeader(good.replace('ACCESSION NUMBER:\t\t0001000001-24-000003', ''))).toThrow(
      'accession number undefined must look like',
    );
    expect(() =>
      parseSecHeader(good.replace('CONFORMED SUBMISSION TYPE:\t4', 'CONFORMED SUBMISSION TYPE:')),
    ).toThrow('no CONFORMED SUBMISSION TYPE');
    expect(() => parseSecHeader(good.replace('REPORT:\t20240304', 'REPORT:\t20240231'))).toThrow(
      'period of report "20240231" must be a date YYYYMMDD',
    );
    try {
      parseSecHeader('nothing');
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', retryable: false, name: 'SecEdgarError' });
    }
  });
});
