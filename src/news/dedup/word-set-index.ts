/**
 * Finds titles whose word sets differ by at most one word (one word replaced, added or removed, or the same
 * words reordered), however far apart their SimHashes are: the "deletion neighbourhood" of a word set. Each
 * title is filed under n + 1 keys, the hash of its whole set of n words and the hash of each set with one
 * word left out. Two sets one edit apart share a key: A with x replaced by y gives A − x = B − y; A plus a
 * word y gives B − y = A; the same set gives A = B.
 *
 * Keys are 32-bit sums of a mixed hash of each word (so removing a word is one subtraction). Two different
 * sets share a key by chance about once per 4 billion pairs; the caller confirms every candidate with the
 * words themselves. Storage is a chained hash table in typed arrays (one array of key, entry, next triples,
 * so a probe touches one cache line per slot), at most one slot per bucket on average.
 */

/** murmur3's 32-bit finaliser: spreads the bits of a word hash before they are summed. */
function mix(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Slots hold three int32s: the key, the entry, the next slot of the chain (-1 ends it). */
const SLOT = 3;

export class WordSetIndex {
  private heads: Int32Array;
  private mask: number;
  private slots: Int32Array;
  private slotCount = 0;
  private times: Float64Array;
  private entryCount = 0;
  private found = new Int32Array(32);

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    const tableSize = 1 << Math.ceil(Math.log2(capacity * 8));
    this.heads = new Int32Array(tableSize).fill(-1);
    this.mask = tableSize - 1;
    this.slots = new Int32Array(capacity * 8 * SLOT);
    this.times = new Float64Array(capacity);
  }

  /** Files entry number `entry` (0, 1, 2... in order of adding) under the keys of `words`. */
  add(entry: number, words: Uint32Array, publishedAt: number): void {
    if (entry !== this.entryCount) throw new RangeError(`entry ${entry} must be ${this.entryCount}`);
    if (entry === this.times.length) this.times = grow(this.times, entry * 2);
    this.times[entry] = publishedAt;
    this.entryCount++;
    const whole = setKey(words);
    this.file(whole, entry);
    for (let i = 0; i < words.length; i++) this.file((whole - mix(words[i] as number)) | 0, entry);
  }

  /**
   * Entries published in [from, to] sharing a key with `words`; returns how many (an entry may repeat),
   * readable through `candidate(k)` until the next search.
   */
  search(words: Uint32Array, from: number, to: number): number {
    const whole = setKey(words);
    let found = this.probe(whole, from, to, 0);
    for (let i = 0; i < words.length; i++)
      found = this.probe((whole - mix(words[i] as number)) | 0, from, to, found);
    return found;
  }

  candidate(k: number): number {
    return this.found[k] as number;
  }

  private probe(key: number, from: number, to: number, found: number): number {
    const { slots, times } = this;
    let count = found;
    for (
      let slot = this.heads[key & this.mask] as number;
      slot >= 0;
      slot = slots[slot * SLOT + 2] as number
    ) {
      if (slots[slot * SLOT] !== key) continue;
      const entry = slots[slot * SLOT + 1] as number;
      const time = times[entry] as number;
      if (time < from || time > to) continue;
      if (count === this.found.length) this.found = grow(this.found, count * 2);
      this.found[count++] = entry;
    }
    return count;
  }

  private file(key: number, entry: number): void {
    if ((this.slotCount + 1) * SLOT > this.slots.length) this.slots = grow(this.slots, this.slots.length * 2);
    if (this.slotCount >= this.heads.length) this.rehash();
    const slot = this.slotCount++;
    const bucket = key & this.mask;
    this.slots[slot * SLOT] = key;
    this.slots[slot * SLOT + 1] = entry;
    this.slots[slot * SLOT + 2] = this.heads[bucket] as number;
    this.heads[bucket] = slot;
  }

  /** Doubles the table and refiles every slot. */
  private rehash(): void {
    this.heads = new Int32Array(this.heads.length * 2).fill(-1);
    this.mask = this.heads.length - 1;
    for (let slot = 0; slot < this.slotCount; slot++) {
      const bucket = (this.slots[slot * SLOT] as number) & this.mask;
      this.slots[slot * SLOT + 2] = this.heads[bucket] as number;
      this.heads[bucket] = slot;
    }
  }
}

function setKey(words: Uint32Array): number {
  let key = 0;
  for (let i = 0; i < words.length; i++) key = (key + mix(words[i] as number)) | 0;
  return key;
}

function grow<T extends Int32Array | Float64Array>(array: T, length: number): T {
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}
