/**
 * Gram matrix G = D Dᵀ of m rows (D_i = row i minus its mean): the inner loop of covariance and correlation
 * matrices. The 4×4 micro-kernel runs in WebAssembly SIMD (f64x2), 3–5× faster than the same blocking in
 * scalar JavaScript (bench/correlation.bench.ts), because V8 does not vectorise JavaScript loops. The module
 * (730 bytes) is emitted below from the WAT it encodes and compiled once per process, on first use; V8 first
 * runs it with its baseline compiler, so the first few dozen calls are several times slower than later ones.
 *
 * Blocking: observations are streamed in chunks of up to 1024 columns (fewer beyond 2048 rows, so that a chunk
 * needs at most 16 MiB, or rows × 512 bytes past 32768 rows; WebAssembly memory grows to the largest chunk seen
 * and never shrinks). For each chunk the centred values of all rows are written to WebAssembly memory (rows
 * padded with zero rows to a multiple of 4, chunks padded to an even length with a zero: zeros add nothing),
 * and the kernel computes every 4×4 block on or above the diagonal (symmetry: the lower triangle is mirrored).
 * Within a block the 16 accumulators each hold two partial sums (even / odd observations) that are added when
 * the block ends. The summation order depends only on the input's shape, so results are bit-identical from run
 * to run.
 */

// (func $block4x4 (param $x i32) (param $y i32) (param $stride i32) (param $length i32) (param $out i32)
//   ;; rows x_r = $x + r·$stride and y_c = $y + c·$stride (bytes), r, c = 0..3
//   (local $k i32) …
//   (loop  ;; for k = 0; k < $length; k += 16 (two doubles)
//     xv_r = v128.load(x_r + k); yv_c = v128.load(y_c + k)
//     acc_rc = f64x2.add(acc_rc, f64x2.mul(xv_r, yv_c)))
//   f64.store($out + 8(4r + c), f64x2.extract_lane 0 (acc_rc) + f64x2.extract_lane 1 (acc_rc)))
const OP = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  f64Add: 0xa0,
  f64Store: 0x39,
  simd: 0xfd,
  v128Load: 0x00,
  f64x2ExtractLane: 0x21,
  f64x2Add: [0xf0, 0x01],
  f64x2Mul: [0xf2, 0x01],
  i32: 0x7f,
  v128: 0x7b,
} as const;

const BLOCK = 4;

function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

const vector = (items: readonly (readonly number[])[]): number[] => [
  ...unsignedLeb(items.length),
  ...items.flat(),
];
const section = (id: number, bytes: readonly number[]): number[] => [
  id,
  ...unsignedLeb(bytes.length),
  ...bytes,
];
const name = (text: string): number[] => vector([...text].map((c) => [c.charCodeAt(0)]));

function kernelBody(): number[] {
  // Locals after the 5 parameters: row pointers, k, then the v128 loads and accumulators.
  let next = 5;
  const take = (count: number): number[] => Array.from({ length: count }, () => next++);
  const xRows = take(BLOCK);
  const yRows = take(BLOCK);
  const [k] = take(1) as [number];
  const xValues = take(BLOCK);
  const yValues = take(BLOCK);
  const accumulators = take(BLOCK * BLOCK);
  const get = (local: number): number[] => [OP.localGet, ...unsignedLeb(local)];
  const set = (local: number): number[] => [OP.localSet, ...unsignedLeb(local)];
  const code: number[] = [];
  for (let r = 0; r < BLOCK; r++)
    code.push(...get(0), ...get(2), OP.i32Const, r, OP.i32Mul, OP.i32Add, ...set(xRows[r] as number));
  for (let c = 0; c < BLOCK; c++)
    code.push(...get(1), ...get(2), OP.i32Const, c, OP.i32Mul, OP.i32Add, ...set(yRows[c] as number));
  // Locals start at zero, so k and the accumulators need no initialisation.
  code.push(OP.block, 0x40, OP.loop, 0x40);
  code.push(...get(k), ...get(3), OP.i32GeU, OP.brIf, 1);
  const load = (row: number, target: number): number[] => [
    ...get(row),
    ...get(k),
    OP.i32Add,
    OP.simd,
    OP.v128Load,
    4,
    0,
    ...set(target),
  ];
  for (let r = 0; r < BLOCK; r++) code.push(...load(xRows[r] as number, xValues[r] as number));
  for (let c = 0; c < BLOCK; c++) code.push(...load(yRows[c] as number, yValues[c] as number));
  for (let r = 0; r < BLOCK; r++) {
    for (let c = 0; c < BLOCK; c++) {
      const acc = accumulators[r * BLOCK + c] as number;
      code.push(...get(acc), ...get(xValues[r] as number), ...get(yValues[c] as number));
      code.push(OP.simd, ...OP.f64x2Mul, OP.simd, ...OP.f64x2Add, ...set(acc));
    }
  }
  code.push(...get(k), OP.i32Const, 16, OP.i32Add, ...set(k), OP.br, 0, OP.end, OP.end);
  for (let index = 0; index < BLOCK * BLOCK; index++) {
    const acc = accumulators[index] as number;
    code.push(
      ...get(4),
      ...get(acc),
      OP.simd,
      OP.f64x2ExtractLane,
      0,
      ...get(acc),
      OP.simd,
      OP.f64x2ExtractLane,
      1,
    );
    code.push(OP.f64Add, OP.f64Store, 3, ...unsignedLeb(index * 8));
  }
  code.push(OP.end);
  const locals = vector([
    [...unsignedLeb(2 * BLOCK + 1), OP.i32],
    [...unsignedLeb(2 * BLOCK + BLOCK * BLOCK), OP.v128],
  ]);
  const body = [...locals, ...code];
  return [...unsignedLeb(body.length), ...body];
}

function moduleBytes(): Uint8Array {
  const i32 = [OP.i32];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vector([[0x60, ...vector([i32, i32, i32, i32, i32]), ...vector([])]])), // type: (5 × i32) → ()
    ...section(3, vector([[0]])), // one function of type 0
    ...section(5, vector([[0x00, 1]])), // one memory, initially 1 page, no maximum
    ...section(
      7,
      vector([
        [...name('block'), 0x00, 0],
        [...name('memory'), 0x02, 0],
      ]),
    ), // exports
    ...section(10, vector([kernelBody()])),
  ]);
}

/** The parts of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}

interface Kernel {
  readonly block: (x: number, y: number, stride: number, length: number, out: number) => void;
  readonly memory: WasmMemory;
}

let kernel: Kernel | undefined;
function instance(): Kernel {
  if (kernel === undefined) {
    const wasm = (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly;
    const exports = new wasm.Instance(new wasm.Module(moduleBytes())).exports;
    kernel = { block: exports['block'] as Kernel['block'], memory: exports['memory'] as WasmMemory };
  }
  return kernel;
}

/** Bytes of WebAssembly memory one chunk may use (the memory grows to this once, never shrinks). */
const CHUNK_BYTES = 16 * 2 ** 20;
const MAX_CHUNK_LENGTH = 1024;
const MIN_CHUNK_LENGTH = 64;

/**
 * Upper-triangle-mirrored Gram matrix of centred rows: result[i·m + j] = Σ_t (x_i[s_t] − μ_i)(x_j[s_t] − μ_j)
 * over the observations s_t of `selection` (all of 0..length−1 when null). Rows must hold no NaN there.
 */
export function centredGram(
  rows: readonly Float64Array[],
  means: Float64Array,
  length: number,
  selection: Int32Array | null,
): Float64Array {
  const m = rows.length;
  const result = new Float64Array(m * m);
  if (m === 0 || length === 0) return result;
  const padded = Math.ceil(m / BLOCK) * BLOCK;
  const chunk = Math.max(
    MIN_CHUNK_LENGTH,
    Math.min(MAX_CHUNK_LENGTH, Math.floor(CHUNK_BYTES / (padded * 8)) & ~1),
  );
  const strideBytes = chunk * 8;
  const scratchOffset = padded * strideBytes;
  const { block, memory } = instance();
  const needed = scratchOffset + BLOCK * BLOCK * 8;
  if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
  const buffer = new Float64Array(memory.buffer, 0, padded * chunk);
  const scratch = new Float64Array(memory.buffer, scratchOffset, BLOCK * BLOCK);
  buffer.fill(0, m * chunk); // padding rows: zero, so they add nothing (earlier calls may have left data there)

  for (let start = 0; start < length; start += chunk) {
    const count = Math.min(chunk, length - start);
    for (let i = 0; i < m; i++) {
      const row = rows[i] as Float64Array;
      const mean = means[i] as number;
      const offset = i * chunk;
      if (selection === null) {
        for (let t = 0; t < count; t++) buffer[offset + t] = (row[start + t] as number) - mean;
      } else {
        for (let t = 0; t < count; t++)
          buffer[offset + t] = (row[selection[start + t] as number] as number) - mean;
      }
      if (count & 1) buffer[offset + count] = 0;
    }
    const lengthBytes = (count + (count & 1)) * 8;
    for (let i = 0; i < padded; i += BLOCK) {
      for (let j = i; j < padded; j += BLOCK) {
        block(i * strideBytes, j * strideBytes, strideBytes, lengthBytes, scratchOffset);
        const rowsHere = Math.min(BLOCK, m - i);
        const columnsHere = Math.min(BLOCK, m - j);
        for (let r = 0; r < rowsHere; r++) {
          const base = (i + r) * m + j;
          for (let c = 0; c < columnsHere; c++)
            result[base + c] = (result[base + c] as number) + (scratch[r * BLOCK + c] as number);
        }
      }
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) result[i * m + j] = result[j * m + i] as number;
  return result;
}
