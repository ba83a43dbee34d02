import { describe, expect, it } from 'vitest';
import { TOKEN_ALL_CAPS, TOKEN_HAS_LETTER, TOKEN_NEGATED_CONTRACTION, TokenBuffer } from './token-buffer.js';
import { tokenize } from './tokenize.js';
import { Vocabulary } from './vocabulary.js';

const vocabulary = new Vocabulary(['inc', 'beats', 'better', 'than', 'expected', "doesn't"]);
const abbreviations = Uint8Array.from([1, 0, 0, 0, 0, 0]);

function run(text: string): TokenBuffer {
  const buffer = new TokenBuffer();
  tokenize(text, vocabulary, abbreviations, buffer);
  return buffer;
}

function tokens(text: string): string[] {
  const b = run(text);
  return Array.from({ length: b.tokenCount }, (_, i) => text.slice(b.start[i], b.end[i]));
}

function sentences(text: string): string[] {
  const b = run(text);
  return Array.from({ length: b.sentenceCount }, (_, s) => text.slice(b.charStart[s], b.charEnd[s]));
}

describe('tokenize', () => {
  it('splits on hyphens and punctuation, keeps apostrophes and digit groups inside tokens', () => {
    expect(tokens('Better-than-expected: $AAPL’s 3.5% rise, 12,000 jobs (U.S.)')).toEqual([
      'Better',
      'than',
      'expected',
      'AAPL’s',
      '3.5',
      'rise',
      '12,000',
      'jobs',
      'U',
      'S',
    ]);
    expect(tokens("'quoted' rock'n'roll 5,x")).toEqual(['quoted', "rock'n'roll", '5', 'x']);
  });

  it('records each token’s vocabulary id and flags', () => {
    const text = "Apple BEATS, DOESN'T 42 É";
    const b = run(text);
    expect(Array.from(b.word.subarray(0, b.tokenCount))).toEqual([-1, 1, 5, -1, -1]);
    expect(b.flags[0]).toBe(TOKEN_HAS_LETTER);
    expect(b.flags[1]).toBe(TOKEN_HAS_LETTER | TOKEN_ALL_CAPS);
    expect(b.flags[2]).toBe(TOKEN_HAS_LETTER | TOKEN_ALL_CAPS | TOKEN_NEGATED_CONTRACTION);
    expect(b.flags[3]).toBe(0);
    expect(b.flags[4]).toBe(TOKEN_HAS_LETTER); // a letter without case: never ALL-CAPS
    expect(run('A I').flags[0]).toBe(TOKEN_HAS_LETTER); // one letter is not ALL-CAPS
  });

  it('ends sentences at ! ? line breaks and . before a capital, not after initials or abbreviations', () => {
    expect(
      sentences('U.S. Steel rises. Acme Inc. beats. Shares jump!! Why? fine.\nNext line. end. Last'),
    ).toEqual([
      'U.S. Steel rises.',
      'Acme Inc. beats.',
      'Shares jump!!',
      'Why?',
      'fine.',
      'Next line. end.',
      'Last',
    ]);
    expect(sentences('Amazon.com rises. 3.5 percent')).toEqual(['Amazon.com rises.', '3.5 percent']);
    expect(sentences('He said "great!" Then left')).toEqual(['He said "great!', 'Then left']);
  });

  it('counts exclamation and question marks per sentence', () => {
    const b = run('Wow!!! Really?? ok');
    expect(b.sentenceCount).toBe(3);
    expect(Array.from(b.exclamations.subarray(0, 3))).toEqual([3, 0, 0]);
    expect(Array.from(b.questions.subarray(0, 3))).toEqual([0, 2, 0]);
    expect(b.firstToken[1]).toBe(1);
    expect(b.endToken[2]).toBe(3);
  });

  it('gives no sentence for text without words and reuses the buffer between texts', () => {
    const buffer = new TokenBuffer();
    tokenize('!!! ... ??', vocabulary, abbreviations, buffer);
    expect(buffer.tokenCount).toBe(0);
    expect(buffer.sentenceCount).toBe(0);
    const long = Array.from({ length: 500 }, (_, i) => `word${i}.`).join(' ');
    tokenize(long, vocabulary, abbreviations, buffer);
    expect(buffer.tokenCount).toBe(500);
    expect(buffer.sentenceCount).toBe(1); // ". w" is followed by lower case
    tokenize('Beats. Better.', vocabulary, abbreviations, buffer);
    expect(buffer.tokenCount).toBe(2);
    expect(buffer.sentenceCount).toBe(2);
  });

  it('grows the sentence arrays past their initial size', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Line ${i}!`).join(' ');
    const b = run(text);
    expect(b.sentenceCount).toBe(40);
    expect(text.slice(b.charStart[39], b.charEnd[39])).toBe('Line 39!');
  });
});
