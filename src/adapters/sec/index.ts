export { SecEdgarClient, type FetchFunction } from './edgar-client.js';
export { secEdgarConfigSchema, type SecEdgarConfig, type SecEdgarConfigInput } from './sec-edgar-config.js';
export { SecEdgarError } from './sec-edgar-error.js';
export { parseSecHeader, type SecHeader } from './sec-header.js';
export { parseForm4, type Form4Report, type FilingPublication, type SkippedTransaction } from './form4.js';
export {
  parseInformationTable,
  thirteenFChanges,
  valueMultiplier,
  type ThirteenFChanges,
  type ThirteenFHolding,
  type ThirteenFReport,
} from './thirteen-f.js';
export { parseXml, XmlParseError } from './xml-parser.js';
export type { XmlElement } from './xml-element.js';
export { EdgarFilingsSource } from './edgar-filings-source.js';
export {
  edgarFilingsConfigSchema,
  EIGHT_K_ITEMS,
  type EdgarFilingsConfigInput,
} from './edgar-filings-payload.js';
