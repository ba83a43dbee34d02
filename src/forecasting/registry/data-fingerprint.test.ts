import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dataFingerprint } from './data-fingerprint.js';

describe('dataFingerprint', () => {
  const target = Float64Array.from([1, 2.5, -3, 4]);
  const volume = Float64Array.from([10, 20, 30, 40]);

  it('is SHA-256 of the column header then each column as little-endian float64', () => {
    const independent = createHash('sha256')
      .update('{"columns":["close","volume"],"length":4}')
      .update(
        Buffer.concat(
          [target, volume].map((column) => {
            const bytes = Buffer.alloc(column.length * 8);
            column.forEach((value, index) => bytes.writeDoubleLE(value, index * 8));
            return bytes;
          }),
        ),
      )
      .digest('hex');
    expect(dataFingerprint({ target, exogenous: [volume] }, ['close', 'volume'])).toBe(
      `sha256:${independent}`,
    );
  });

  it('changes with one value, a column name or the length, and not otherwise', () => {
    const base = dataFingerprint({ target }, ['close']);
    expect(dataFingerprint({ target: target.slice() }, ['close'])).toBe(base);
    const changed = target.slice();
    changed[2] = -3.0000001;
    expect(dataFingerprint({ target: changed }, ['close'])).not.toBe(base);
    expect(dataFingerprint({ target }, ['open'])).not.toBe(base);
    expect(dataFingerprint({ target: target.subarray(0, 3) }, ['close'])).not.toBe(base);
  });

  it('needs one name per column and columns of equal length', () => {
    expect(() => dataFingerprint({ target }, ['close', 'volume'])).toThrow(/one name per column/);
    expect(() => dataFingerprint({ target, exogenous: [volume.subarray(1)] }, ['a', 'b'])).toThrow(
      /as long as the target \(4\), one has "3"/,
    );
  });
});
