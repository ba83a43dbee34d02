/**
 * Symbol tagging: which instruments an article is about, from its text and the source's own tags.
 *
 * Three kinds of mention count, each matched on whole words:
 * - cashtags, "$AAPL" (any known symbol, stop list or not);
 * - bare tickers, "AAPL": an upper-case word that is a known symbol, at least two characters long and not on
 *   the stop list (DEFAULT_TICKER_STOP_LIST: "IT", "ON", "CEO"...); skipped in text that is mostly capitals,
 *   where every word looks like a ticker;
 * - company names from the instrument table ("Apple Inc." gives "Apple", see companyNames) and explicit
 *   aliases ("Google" for GOOGL), compared without case but only where the text capitalises them: "Apple"
 *   tags AAPL, "apple pie" does not. The longest name wins where names overlap.
 * Possessives count as the name ("Apple's", "AAPL's").
 *
 * The work is one tokenising pass and one Map lookup per word (names sit in a map from their first word to
 * the names starting with it, longest first), however many instruments there are.
 */
import { InvalidInputError } from '../../core/errors.js';
import { normalizeSymbol } from '../../model/instrument.js';
import { companyNames } from './company-names.js';
import { DEFAULT_TICKER_STOP_LIST } from './ticker-stop-list.js';

export interface TaggableInstrument {
  readonly symbol: string;
  readonly name: string | null;
}

export interface SymbolTaggerOptions {
  /** Further names per symbol ("GOOGL": ["Google"]); a symbol missing from the instruments is added. */
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
  /** Replaces the default stop list of upper-case words never tagged bare. */
  readonly stopList?: readonly string[];
}

interface NamePhrase {
  readonly words: readonly string[];
  readonly symbol: string;
}

const TOKEN = /\$?[\p{L}\p{N}]+(?:[.&'’\-/][\p{L}\p{N}]+)*/gu;
const POSSESSIVE = /['’]s$/i;
const LOWER_START = /^\p{Ll}/u;
const UPPER = /\p{Lu}/gu;
const LETTER = /\p{L}/gu;

export class SymbolTagger {
  /** Known symbols, also under their '.'-separated form ("BRK-B" and "BRK/B" find "BRK.B"). */
  private readonly symbols = new Map<string, string>();
  private readonly stopList: ReadonlySet<string>;
  private readonly phrases = new Map<string, NamePhrase[]>();

  constructor(instruments: readonly TaggableInstrument[], options: SymbolTaggerOptions = {}) {
    this.stopList = new Set((options.stopList ?? DEFAULT_TICKER_STOP_LIST).map((word) => word.toUpperCase()));
    for (const instrument of instruments) {
      const symbol = normalizeSymbol(instrument.symbol);
      this.addSymbol(symbol);
      for (const name of companyNames(instrument.name ?? '')) this.addName(name, symbol);
    }
    for (const [raw, names] of Object.entries(options.aliases ?? {})) {
      const symbol = normalizeSymbol(raw);
      this.addSymbol(symbol);
      for (const name of names) this.addName(name, symbol);
    }
    for (const list of this.phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /**
   * The symbols `text` mentions together with the source's own tags (upper-cased; a tag that cannot be a
   * symbol, such as Alpha Vantage's "CRYPTO:BTC", is left out), sorted and unique.
   */
  tag(text: string, sourceSymbols: readonly string[] = []): string[] {
    const found = new Set<string>();
    for (const raw of sourceSymbols) {
      const symbol = trySymbol(raw);
      if (symbol !== null) found.add(symbol);
    }
    const tokens = Array.from(text.matchAll(TOKEN), (match) => match[0].replace(POSSESSIVE, ''));
    const lower = tokens.map((token) => token.toLowerCase());
    const shouting = isMostlyCapitals(text);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      if (token.startsWith('$')) {
        const symbol = this.lookup(token.slice(1).toUpperCase());
        if (symbol !== undefined) found.add(symbol);
        continue;
      }
      const matched = this.matchName(tokens, lower, i);
      if (matched !== null) {
        found.add(matched.symbol);
        i += matched.words.length - 1;
        continue;
      }
      if (shouting || token.length < 2 || token !== token.toUpperCase() || this.stopList.has(token)) continue;
      const symbol = this.lookup(token);
      if (symbol !== undefined) found.add(symbol);
    }
    return [...found].sort();
  }

  private lookup(candidate: string): string | undefined {
    return this.symbols.get(candidate) ?? this.symbols.get(candidate.replace(/[-/]/g, '.'));
  }

  /** The longest name starting at token `start` whose words the text capitalises, or null. */
  private matchName(tokens: readonly string[], lower: readonly string[], start: number): NamePhrase | null {
    const candidates = this.phrases.get(lower[start] as string);
    if (candidates === undefined) return null;
    for (const phrase of candidates) {
      const { words } = phrase;
      if (start + words.length > tokens.length) continue;
      let matches = true;
      for (let k = 0; k < words.length && matches; k++) {
        const token = tokens[start + k] as string;
        // Short connecting words inside a name ("Bank of America") may be lower case.
        matches =
          lower[start + k] === words[k] &&
          (k === 0 || (words[k] as string).length > 3 ? !LOWER_START.test(token) : true);
      }
      if (matches) return phrase;
    }
    return null;
  }

  private addSymbol(symbol: string): void {
    this.symbols.set(symbol, symbol);
    this.symbols.set(symbol.replace(/[-/]/g, '.'), symbol);
  }

  private addName(name: string, symbol: string): void {
    const words = Array.from(name.matchAll(TOKEN), (match) => match[0].toLowerCase());
    if (words.length === 0) return;
    const first = words[0] as string;
    const list = this.phrases.get(first) ?? [];
    if (!list.some((phrase) => phrase.symbol === symbol && phrase.words.join(' ') === words.join(' ')))
      list.push({ words, symbol });
    this.phrases.set(first, list);
  }
}

function trySymbol(raw: string): string | null {
  try {
    return normalizeSymbol(raw);
  } catch (error) {
    if (error instanceof InvalidInputError) return null;
    throw error;
  }
}

/** More than 60% of at least 12 letters are capitals: a shouted headline ("APPLE BEATS ON SALES"). */
function isMostlyCapitals(text: string): boolean {
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters < 12) return false;
  return (text.match(UPPER)?.length ?? 0) / letters > 0.6;
}
