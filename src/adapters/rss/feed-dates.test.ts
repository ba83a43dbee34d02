import { describe, expect, it } from 'vitest';
import { parseFeedDate, parseRfc822 } from './feed-dates.js';

describe('parseRfc822', () => {
  it('reads the RSS 2.0 forms with GMT, numeric and named US zones', () => {
    expect(parseRfc822('Tue, 05 Mar 2024 14:30:00 GMT')).toBe(Date.UTC(2024, 2, 5, 14, 30));
    expect(parseRfc822('Tue, 05 Mar 2024 09:30:00 -0500')).toBe(Date.UTC(2024, 2, 5, 14, 30));
    expect(parseRfc822('Tue, 05 Mar 2024 20:00:00 +05:30')).toBe(Date.UTC(2024, 2, 5, 14, 30));
    expect(parseRfc822('Tue, 05 Mar 2024 09:30:00 EST')).toBe(Date.UTC(2024, 2, 5, 14, 30));
    expect(parseRfc822('Wed, 10 Jul 2024 10:30:00 EDT')).toBe(Date.UTC(2024, 6, 10, 14, 30));
    expect(parseRfc822('Wed, 10 Jul 2024 07:30:00 PDT')).toBe(Date.UTC(2024, 6, 10, 14, 30));
  });

  it('takes an optional day name and seconds, a full month name, two-digit years and military zones', () => {
    expect(parseRfc822('5 Mar 2024 14:30 Z')).toBe(Date.UTC(2024, 2, 5, 14, 30));
    expect(parseRfc822('Tuesday, 5 March 2024 14:30:15 UT')).toBe(Date.UTC(2024, 2, 5, 14, 30, 15));
    expect(parseRfc822('05 Mar 24 14:30 +0000')).toBe(Date.UTC(2024, 2, 5, 14, 30));
    expect(parseRfc822('05 Mar 99 14:30 +0000')).toBe(Date.UTC(1999, 2, 5, 14, 30));
    expect(parseRfc822('05 Mar 2024 14:30 A')).toBe(Date.UTC(2024, 2, 5, 14, 30)); // "unknown": read as UTC
  });

  it('refuses a missing or unknown zone, an impossible date and other text', () => {
    expect(parseRfc822('Tue, 05 Mar 2024 14:30:00')).toBeNull();
    expect(parseRfc822('Tue, 05 Mar 2024 14:30:00 CET')).toBeNull();
    expect(parseRfc822('Fri, 30 Feb 2024 14:30:00 GMT')).toBeNull();
    expect(parseRfc822('05 Foo 2024 14:30 GMT')).toBeNull();
    expect(parseRfc822('05 Mar 2024 24:30 GMT')).toBeNull();
    expect(parseRfc822('yesterday')).toBeNull();
  });
});

describe('parseFeedDate', () => {
  it('reads RFC 822 and RFC 3339 alike', () => {
    expect(parseFeedDate('2024-03-05T09:30:00-05:00')).toBe(Date.UTC(2024, 2, 5, 14, 30));
    expect(parseFeedDate('2024-03-05T14:30:00.250Z')).toBe(Date.UTC(2024, 2, 5, 14, 30, 0, 250));
    expect(parseFeedDate('Tue, 05 Mar 2024 14:30:00 GMT')).toBe(Date.UTC(2024, 2, 5, 14, 30));
    expect(parseFeedDate('2024-03-05T14:30:00')).toBeNull();
  });
});
