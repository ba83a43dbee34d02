/**
 * How news writes a company: "Apple", not "Apple Inc. Common Stock". Turns an instrument's registered name
 * into the names a headline uses by stripping legal forms, share classes and listing words from the end
 * ("Inc", "Corp", "Corporation", "Co", "Company", "Ltd", "plc", "Holdings", "Group", "Class A",
 * "Common Stock", "American Depositary Shares", "ADR"...) and a leading "The" (or Nasdaq's trailing "(The)"),
 * and adds the name without ".com" ("Amazon.com" → "Amazon").
 * Stripping stops before it would leave nothing ("Holdings Inc" keeps "Holdings").
 */

/** Trailing words removed one by one (compared in lower case, without their dots and commas). */
const TRAILING_WORDS: ReadonlySet<string> = new Set(
  (
    'inc incorporated corp corporation co company cos companies ltd limited plc holdings holding' +
    ' group sa nv ag se spa ab asa oyj lp llc llp bv kgaa tbk bhd stock common ordinary shares share' +
    ' ads adr adrs units unit the & and'
  ).split(' '),
);
/** A share class, a depositary-receipt description or Nasdaq's "(The)", with everything after it. */
const LISTING_SUFFIX =
  /\s+(?:(?:class|cl\.?|series)\s+[a-z0-9]\b|american\s+depositary\s+(?:shares|receipts)\b|\(the\)).*$/i;
const SEPARATORS = /[\s,]+/;

/** The names headlines use for a company registered as `name`, most specific first; [] for a blank name. */
export function companyNames(name: string): string[] {
  const words = name
    .replace(LISTING_SUFFIX, '')
    .trim()
    .split(SEPARATORS)
    .filter((word) => word.length > 0);
  while (words.length > 1 && TRAILING_WORDS.has(bare(words[words.length - 1] as string))) words.pop();
  if (words.length > 1 && bare(words[0] as string) === 'the') words.shift();
  if (words.length === 0) return [];
  const last = words.length - 1;
  words[last] = (words[last] as string).replace(/[.,]+$/, '');
  const base = words.join(' ');
  const names = [base];
  const withoutDotCom = base.replace(/\.com$/i, '');
  if (withoutDotCom !== base && withoutDotCom.length > 0) names.push(withoutDotCom);
  return names.filter((candidate) => candidate.length >= 2);
}

function bare(word: string): string {
  return word.toLowerCase().replace(/[.,]/g, '');
}
