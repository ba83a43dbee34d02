/** Token flag: the token has at least two letters and all of them are upper case (`PLUNGES`, `AAPL`). */
export const TOKEN_ALL_CAPS = 1;
/** Token flag: the token has at least one letter (numbers do not count towards the ALL-CAPS differential). */
export const TOKEN_HAS_LETTER = 2;
/** Token flag: the token ends in `n't` (`doesn't`, `won’t`): a negation, as in VADER. */
export const TOKEN_NEGATED_CONTRACTION = 4;

/**
 * The tokens and sentences of one text, as parallel typed arrays reused from text to text (they only grow),
 * so scoring a headline allocates nothing per token. Token i spans text[start[i], end[i]) and has the
 * vocabulary id word[i] (-1 when the word is unknown). Sentence s spans tokens [firstToken[s],
 * endToken[s]) and characters [charStart[s], charEnd[s]), and carries its `!` and `?` counts.
 */
export class TokenBuffer {
  tokenCount = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  word = new Int32Array(64);
  flags = new Uint8Array(64);

  sentenceCount = 0;
  firstToken = new Int32Array(8);
  endToken = new Int32Array(8);
  charStart = new Int32Array(8);
  charEnd = new Int32Array(8);
  exclamations = new Int32Array(8);
  questions = new Int32Array(8);

  clear(): void {
    this.tokenCount = 0;
    this.sentenceCount = 0;
  }

  pushToken(start: number, end: number, word: number, flags: number): void {
    const i = this.tokenCount;
    if (i === this.start.length) this.growTokens();
    this.start[i] = start;
    this.end[i] = end;
    this.word[i] = word;
    this.flags[i] = flags;
    this.tokenCount = i + 1;
  }

  pushSentence(
    firstToken: number,
    endToken: number,
    charStart: number,
    charEnd: number,
    exclamations: number,
    questions: number,
  ): void {
    const s = this.sentenceCount;
    if (s === this.firstToken.length) this.growSentences();
    this.firstToken[s] = firstToken;
    this.endToken[s] = endToken;
    this.charStart[s] = charStart;
    this.charEnd[s] = charEnd;
    this.exclamations[s] = exclamations;
    this.questions[s] = questions;
    this.sentenceCount = s + 1;
  }

  private growTokens(): void {
    const size = this.start.length * 2;
    this.start = grow(this.start, size);
    this.end = grow(this.end, size);
    this.word = grow(this.word, size);
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.flags = flags;
  }

  private growSentences(): void {
    const size = this.firstToken.length * 2;
    this.firstToken = grow(this.firstToken, size);
    this.endToken = grow(this.endToken, size);
    this.charStart = grow(this.charStart, size);
    this.charEnd = grow(this.charEnd, size);
    this.exclamations = grow(this.exclamations, size);
    this.questions = grow(this.questions, size);
  }
}

function grow(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(size);
  larger.set(array);
  return larger;
}
