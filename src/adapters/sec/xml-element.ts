/** An XML element as parsed by parseXml (xml-parser.ts). */
export interface XmlElement {
  /** The name as written, prefix included: `ns1:infoTable`. */
  readonly name: string;
  /** The name without its namespace prefix: `infoTable`. EDGAR documents are queried by local name. */
  readonly localName: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Character data directly inside this element (entities decoded, CDATA kept), untrimmed. */
  readonly text: string;
}

/** Child elements with this local name, in document order. */
export function childrenNamed(element: XmlElement, localName: string): XmlElement[] {
  return element.children.filter((child) => child.localName === localName);
}

/** The first child with this local name, or null. */
export function child(element: XmlElement, localName: string): XmlElement | null {
  for (const candidate of element.children) if (candidate.localName === localName) return candidate;
  return null;
}

/** The element at a `/`-separated path of local names below `element` (first match at each step), or null. */
export function at(element: XmlElement, path: string): XmlElement | null {
  let current: XmlElement | null = element;
  for (const step of path.split('/')) {
    if (current === null) return null;
    current = child(current, step);
  }
  return current;
}

/** Trimmed text of the element at `path`, or null when the element is missing or holds only whitespace. */
export function textAt(element: XmlElement, path: string): string | null {
  const found = at(element, path);
  if (found === null) return null;
  const text = found.text.trim();
  return text === '' ? null : text;
}
