/** Float64 columns as BLOBs: little-endian IEEE 754 bytes, so a value round-trips bit for bit on any host. */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

export function float64Bytes(values: Float64Array): Buffer {
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  return LITTLE_ENDIAN ? bytes : Buffer.from(bytes).swap64();
}

export function float64Values(bytes: Uint8Array): Float64Array {
  // Copy into a fresh, aligned array: a BLOB's bytes may sit at any offset of a shared buffer.
  const values = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(values.buffer).set(bytes);
  if (!LITTLE_ENDIAN) Buffer.from(values.buffer).swap64();
  return values;
}
