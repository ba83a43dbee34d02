/**
 * Defensive clean-up of text that should already be plain: adapters strip HTML, but feeds embed markup in
 * odd places (an escaped tag inside a CDATA description, an entity in a JSON title). Removes script/style
 * blocks, comments and tags, decodes character references, drops zero-width characters and collapses white
 * space to single spaces. Only `<` followed by a letter, `/` or `!` starts a tag, so "a < b" survives. Block
 * tags (p, div, br, li...) become a space, inline ones (b, i, a, span...) nothing, so words stay whole.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  hellip: '…',
  bull: '•',
  middot: '·',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  percnt: '%',
  dollar: '$',
  shy: '',
};

const BLOCKS = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?-->/g;
const TAGS = /<\/?([a-zA-Z][a-zA-Z0-9]*)[^>]*>|<![^>]*>/g;
/** Tags inside a line of text: removed without a space ("Full <b>text</b>." stays "Full text."). */
const INLINE_TAGS: ReadonlySet<string> = new Set(
  'a abbr b bdi bdo cite code data dfn em font i kbd mark q s samp small span strong sub sup time u var'.split(
    ' ',
  ),
);
const REFERENCES = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const WHITESPACE = /\s+/g;

/** Plain text with single spaces, trimmed. */
export function toPlainText(text: string): string {
  return text
    .replace(BLOCKS, ' ')
    .replace(COMMENTS, ' ')
    .replace(TAGS, (_tag: string, name?: string) =>
      name !== undefined && INLINE_TAGS.has(name.toLowerCase()) ? '' : ' ',
    )
    .replace(REFERENCES, decodeReference)
    .replace(INVISIBLE, '')
    .replace(WHITESPACE, ' ')
    .trim();
}

function decodeReference(match: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? match;
  const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
  // NUL, surrogates and values past U+10FFFF are not characters: HTML maps them to U+FFFD.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}
