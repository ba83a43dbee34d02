import { InvalidInputError, quote } from '../../core/errors.js';
import type { XmlElement } from './xml-element.js';

/** A document that is not well-formed XML (of the subset below); the message says where: line and column. */
export class XmlParseError extends InvalidInputError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`XML line ${line}, column ${column}: ${message}`);
    this.name = 'XmlParseError';
  }
}

interface OpenElement {
  name: string;
  localName: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const MAX_DEPTH = 512;

/**
 * A small, strict XML parser for the documents EDGAR serves (Form 4 ownership documents, 13F information
 * tables): elements, attributes (single or double quotes), character data with the five predefined entities
 * and numeric character references, CDATA sections, comments, processing instructions and the XML
 * declaration. It refuses what it does not support rather than guess: a DOCTYPE (no DTDs, so no entity
 * expansion attacks), undefined entities, a bare `&` or `<`, mismatched or unclosed tags, duplicate
 * attributes, `--` inside a comment, text or a second element outside the root, names outside ASCII.
 * Namespaces are not resolved: each element keeps its prefixed name and its local name.
 */
export function parseXml(source: string): XmlElement {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  let i = 0;
  const stack: OpenElement[] = [];
  const done: { root: XmlElement | null } = { root: null };

  const fail = (message: string, at = i): never => {
    let line = 1;
    let lineStart = 0;
    for (let k = text.indexOf('\n'); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    throw new XmlParseError(message, line, at - lineStart + 1);
  };
  const readName = (): string => {
    NAME.lastIndex = i;
    const match = NAME.exec(text);
    if (match === null) fail(`expected a name, found ${quote(text.slice(i, i + 10))}`);
    i = NAME.lastIndex;
    return (match as RegExpExecArray)[0];
  };
  const skipSpace = (): boolean => {
    const start = i;
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
    return i > start;
  };
  const decode = (raw: string, offset: number): string => {
    if (!raw.includes('&')) {
      const lt = raw.indexOf('<');
      if (lt >= 0) fail('"<" is not allowed here', offset + lt);
      return raw;
    }
    let out = '';
    let k = 0;
    while (k < raw.length) {
      const amp = raw.indexOf('&', k);
      const chunk = raw.slice(k, amp < 0 ? raw.length : amp);
      if (chunk.includes('<')) fail('"<" is not allowed here', offset + k + chunk.indexOf('<'));
      out += chunk;
      if (amp < 0) break;
      const semi = raw.indexOf(';', amp);
      if (semi < 0 || semi - amp > 12) fail('"&" must start an entity such as &amp;', offset + amp);
      const entity = raw.slice(amp + 1, semi);
      out += resolveEntity(entity, () => fail(`undefined entity ${quote(`&${entity};`)}`, offset + amp));
      k = semi + 1;
    }
    return out;
  };
  const addText = (raw: string, offset: number): void => {
    const current = stack.at(-1);
    if (current === undefined) {
      if (raw.trim() !== '') fail('text outside the root element', offset + raw.search(/\S/));
      return;
    }
    current.text += decode(raw, offset);
  };

  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      addText(text.slice(i), i);
      break;
    }
    if (lt > i) addText(text.slice(i, lt), i);
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) fail('unclosed comment');
      const dashes = text.indexOf('--', i + 4);
      if (dashes < end) fail('"--" is not allowed inside a comment', dashes);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const current = stack.at(-1);
      if (current === undefined) fail('CDATA outside the root element');
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) fail('unclosed CDATA section');
      (current as OpenElement).text += text.slice(i + 9, end);
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) fail('unclosed processing instruction');
      if (text.startsWith('<?xml', i) && /\s/.test(text[i + 5] ?? '') && i !== 0) {
        fail('the XML declaration must come first');
      }
      i = end + 2;
    } else if (text.startsWith('<!', i)) {
      fail(text.startsWith('<!DOCTYPE', i) ? 'DOCTYPE is not supported' : 'unsupported markup declaration');
    } else if (text.startsWith('</', i)) {
      i += 2;
      const nameAt = i;
      const name = readName();
      skipSpace();
      if (text[i] !== '>') fail(`expected ">" to close ${quote(name)}`);
      i++;
      const open = stack.pop();
      if (open === undefined) fail(`closing tag ${quote(name)} without an open element`, nameAt);
      const element = open as OpenElement;
      if (element.name !== name)
        fail(`closing tag ${quote(name)} does not match ${quote(element.name)}`, nameAt);
      finish(element);
    } else {
      if (done.root !== null && stack.length === 0) fail('a second root element');
      i++;
      const name = readName();
      const attributes: Record<string, string> = {};
      for (;;) {
        const spaced = skipSpace();
        if (text.startsWith('/>', i) || text[i] === '>') break;
        if (i >= text.length) fail(`unclosed tag ${quote(name)}`);
        if (!spaced) fail(`expected a space before the attribute in ${quote(name)}`);
        const attributeAt = i;
        const attribute = readName();
        skipSpace();
        if (text[i] !== '=') fail(`expected "=" after attribute ${quote(attribute)}`);
        i++;
        skipSpace();
        const delimiter = text[i];
        if (delimiter !== '"' && delimiter !== "'")
          fail(`attribute ${quote(attribute)} needs a quoted value`);
        const close = text.indexOf(delimiter as string, i + 1);
        if (close < 0) fail(`unclosed value of attribute ${quote(attribute)}`);
        if (Object.hasOwn(attributes, attribute))
          fail(`attribute ${quote(attribute)} is repeated`, attributeAt);
        attributes[attribute] = decode(text.slice(i + 1, close), i + 1);
        i = close + 1;
      }
      const selfClosing = text[i] === '/';
      i += selfClosing ? 2 : 1;
      const colon = name.indexOf(':');
      const element: OpenElement = {
        name,
        localName: colon < 0 ? name : name.slice(colon + 1),
        attributes,
        children: [],
        text: '',
      };
      if (selfClosing) finish(element);
      else {
        if (stack.length >= MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH}`);
        stack.push(element);
      }
    }
  }
  if (stack.length > 0) fail(`unclosed element ${quote((stack.at(-1) as OpenElement).name)}`, text.length);
  if (done.root === null) return fail('no root element', text.length);
  return done.root;

  function finish(element: OpenElement): void {
    const parent = stack.at(-1);
    if (parent === undefined) done.root = element;
    else parent.children.push(element);
  }
}

function resolveEntity(entity: string, undefinedEntity: () => never): string {
  const predefined = PREDEFINED[entity];
  if (predefined !== undefined) return predefined;
  const hex = /^#x([0-9a-fA-F]{1,6})$/.exec(entity);
  const decimal = /^#([0-9]{1,7})$/.exec(entity);
  const code = hex !== null ? parseInt(hex[1] as string, 16) : decimal !== null ? Number(decimal[1]) : -1;
  // XML Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : undefinedEntity();
}
