/**
 * The canonical form of an article link, the exact de-duplication key: the same story reached through two
 * feeds often differs only in tracking parameters, "www.", a trailing slash or the scheme. It is a key, not a
 * link to follow (the original URL is stored beside it), so it may fold things a server could in theory
 * distinguish:
 * - the scheme becomes https (news sites serve one page on both) and the host loses a leading "www." and a
 *   trailing dot; the WHATWG URL parser already lower-cases the host, resolves "." and ".." segments and
 *   drops the default port of the given scheme; ports 80 and 443 are dropped after that too;
 * - user name, password and fragment are dropped;
 * - tracking parameters are dropped (utm_* and the click ids and feed markers below), the remaining query
 *   parameters are sorted by name, then value (code-unit order, so the key does not depend on a locale);
 * - trailing slashes of a non-root path are dropped ("/a/b/" and "/a/b" are one page on news sites).
 */
import { InvalidInputError, quote } from '../../core/errors.js';

/** Query parameters that identify a campaign, a click or a feed, never the page (lower-cased names). */
const TRACKING_PARAMETERS: ReadonlySet<string> = new Set(
  (
    'fbclid gclid gclsrc dclid gbraid wbraid msclkid yclid twclid ttclid igshid li_fat_id mc_cid' +
    ' mc_eid _ga _gl _hsenc _hsmi mkt_tok oly_anon_id oly_enc_id vero_id rb_clickid s_cid cmpid cmp' +
    ' ncid ocid taid guccounter guce_referrer guce_referrer_sig soc_src soc_trk sr_share ref ref_src' +
    ' ref_url smid feedtype feedname siteid yptr .tsrc mbid rss'
  ).split(' '),
);

/** The canonical form of `raw` (see the module comment); rejects anything but an absolute http(s) URL. */
export function canonicalUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch (error) {
    throw new InvalidInputError(`article url ${quote(raw)} must be an absolute http(s) URL`, {
      cause: error,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError(
      `article url ${quote(raw)} has scheme ${quote(url.protocol.slice(0, -1))}; it must be http or https`,
    );
  }
  let host = url.hostname;
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('www.')) host = host.slice(4);
  const port = url.port === '' || url.port === '80' || url.port === '443' ? '' : `:${url.port}`;
  let path = url.pathname;
  let end = path.length;
  while (end > 1 && path.charCodeAt(end - 1) === 47) end--;
  if (end < path.length) path = path.slice(0, end);
  return `https://${host}${port}${path}${canonicalQuery(url)}`;
}

function canonicalQuery(url: URL): string {
  if (url.search.length <= 1) return '';
  const kept: [string, string][] = [];
  for (const [name, value] of url.searchParams) {
    const lower = name.toLowerCase();
    if (!lower.startsWith('utm_') && !TRACKING_PARAMETERS.has(lower)) kept.push([name, value]);
  }
  if (kept.length === 0) return '';
  kept.sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]));
  return `?${new URLSearchParams(kept).toString()}`;
}

/** Code-unit order (localeCompare would depend on the ICU locale). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
