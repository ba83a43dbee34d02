/**
 * News de-duplication of 100,000 synthetic articles (issue 12 target: <= 2 s on one core), from raw titles and
 * URLs to clusters: canonical URL, title normalisation, fingerprint, then deduplicate() (src/news/dedup). In
 * the same run, two baselines: exact hashing of the normalised title (what catches syndicated copies only),
 * and the SimHash index alone without the word-set index, at 3 and 7 bits. Each is scored against the known
 * stories: precision (flagged duplicates assigned to the right story) and recall (duplicates flagged to the
 * right story), overall and per kind of copy, beside the ceiling of the Jaccard >= 0.6 criterion itself.
 *
 * Data (seed 12): 70,000 stories over 30 days, headlines of 6-13 words (company name, words drawn from a
 * 6,000-word vocabulary with Zipf-Mandelbrot frequencies 1/(rank + 20), one word in five a function word,
 * some percentages) with a publisher suffix on most; 30,000 copies published 0-24 h after their story: 20%
 * cosmetic (case, "UPDATE 1-" prefix, another publisher suffix), 40% with one word edit, 40% with two
 * (replace, delete, insert or swap), and 5% of copies linking to the story's URL with tracking parameters.
 * Timings are the median of 5 runs after one warm-up, wall clock and CPU time of this process (the CPU figure
 * is steadier on a shared machine). Run: npx tsx bench/news-dedup.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { SeededRng } from '../src/core/rng.js';
import { deduplicate } from '../src/news/dedup/deduplicate.js';
import { NearDuplicateIndex } from '../src/news/dedup/near-duplicate-index.js';
import { titleFingerprint, wordSimilarity, type TitleFingerprint } from '../src/news/dedup/simhash.js';
import { canonicalUrl } from '../src/news/normalize/canonical-url.js';
import { normalizeTitle } from '../src/news/normalize/normalize-title.js';
import { median } from './stats.js';

const STORIES = 70_000;
const COPIES = 30_000;
const RUNS = 5;
const HOUR = 3_600_000;
const WINDOW = 72 * HOUR;
const KINDS = ['cosmetic', 'one edit', 'two edits'] as const;
type Kind = (typeof KINDS)[number] | 'story';

interface Synthetic {
  readonly title: string;
  readonly url: string;
  readonly publishedAt: number;
  readonly story: number;
  readonly kind: Kind;
}

const SYLLABLES =
  'ba ko ri tan mel vo sun dar pi qua len tor gi nex ur fa sol ze ma crin do vel ash po'.split(' ');
const COMMON = (
  'shares stock stocks earnings profit revenue quarter rises falls jumps slides beats misses estimates ' +
  'guidance analysts investors market deal billion million percent new record sales outlook rate fed cut hike ' +
  'bank oil prices trade'
).split(' ');
const FUNCTION_WORDS = 'the of to in on for as with from after and at by amid over'.split(' ');
const SUFFIXES = [' - Reuters', ' | MarketWatch', ' - Yahoo Finance', ' — Bloomberg', ''];
const HOSTS = ['reuters.com', 'marketwatch.com', 'finance.yahoo.com', 'bloomberg.com', 'cnbc.com'];

function generate(seed: number): Synthetic[] {
  const rng = new SeededRng(seed);
  const pick = <T>(list: readonly T[]): T => list[rng.int(0, list.length - 1)] as T;
  const pseudoWord = (syllables: number): string =>
    Array.from({ length: syllables }, () => pick(SYLLABLES)).join('');
  const vocabulary = [...COMMON];
  const known = new Set(vocabulary);
  while (vocabulary.length < 6_000) {
    const word = pseudoWord(rng.int(2, 4));
    if (known.has(word)) continue;
    known.add(word);
    vocabulary.push(word);
  }
  const cumulative = new Float64Array(vocabulary.length);
  let total = 0;
  vocabulary.forEach((_, rank) => (cumulative[rank] = total += 1 / (rank + 20)));
  const word = (): string => {
    const u = rng.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < u) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low] as string;
  };
  const companies = Array.from({ length: 800 }, () =>
    pseudoWord(rng.int(2, 3)).replace(/^./, (c) => c.toUpperCase()),
  );
  const articles: Synthetic[] = [];
  const stories: { words: string[]; publishedAt: number; url: string }[] = [];
  for (let story = 0; story < STORIES; story++) {
    const words = [pick(companies)];
    const length = rng.int(6, 13);
    while (words.length < length) {
      const u = rng.next();
      words.push(u < 0.08 ? `${rng.int(1, 99)}.${rng.int(0, 9)}%` : u < 0.28 ? pick(FUNCTION_WORDS) : word());
    }
    const publishedAt = Math.floor(rng.next() * 30 * 24 * HOUR);
    const url = `https://${pick(HOSTS)}/news/${story}`;
    stories.push({ words, publishedAt, url });
    articles.push({ title: words.join(' ') + pick(SUFFIXES), url, publishedAt, story, kind: 'story' });
  }
  for (let copy = 0; copy < COPIES; copy++) {
    const story = rng.int(0, STORIES - 1);
    const original = stories[story] as (typeof stories)[number];
    const words = [...original.words];
    const u = rng.next();
    const kind: Kind = u < 0.2 ? 'cosmetic' : u < 0.6 ? 'one edit' : 'two edits';
    for (let edit = kind === 'cosmetic' ? 0 : kind === 'one edit' ? 1 : 2; edit > 0; edit--) {
      const at = rng.int(1, words.length - 1);
      const operation = rng.int(0, 3);
      if (operation === 0) words[at] = word();
      else if (operation === 1 && words.length > 5) words.splice(at, 1);
      else if (operation === 2 || at + 1 >= words.length) words.splice(at, 0, word());
      else words.splice(at, 2, words[at + 1] as string, words[at] as string);
    }
    let title = words.join(' ');
    if (rng.next() < 0.5) title = title.toUpperCase();
    if (rng.next() < 0.3) title = `UPDATE 1-${title}`;
    const url =
      rng.next() < 0.05
        ? `${original.url}?utm_source=rss&utm_medium=feed`
        : `https://${pick(HOSTS)}/copy/${copy}`;
    const publishedAt = original.publishedAt + 1 + Math.floor(rng.next() * 24 * HOUR);
    articles.push({ title: title + pick(SUFFIXES), url, publishedAt, story, kind });
  }
  return articles;
}

/** duplicateOf per article (-1: representative). */
type Clustering = (articles: readonly Synthetic[]) => Int32Array;

const ours =
  (maxDistance: number): Clustering =>
  (articles) =>
    deduplicate(
      articles.map((article) => ({
        canonicalUrl: canonicalUrl(article.url),
        publishedAt: article.publishedAt,
        fingerprint: titleFingerprint(normalizeTitle(article.title)),
      })),
      { maxDistance },
    ).duplicateOf;

/**
 * A baseline's clustering in publication order: canonical URL first, then `match` (an earlier article's
 * index, or undefined) once `remember` has seen every earlier article.
 */
function baseline(
  match: (articles: readonly Synthetic[], i: number) => number | undefined,
  remember: (articles: readonly Synthetic[], i: number) => void,
): Clustering {
  return (articles) => {
    const firstByUrl = new Map<string, number>();
    const duplicateOf = new Int32Array(articles.length).fill(-1);
    for (const i of byTime(articles)) {
      const url = canonicalUrl((articles[i] as Synthetic).url);
      const found = firstByUrl.get(url) ?? match(articles, i);
      if (!firstByUrl.has(url)) firstByUrl.set(url, i);
      if (found !== undefined)
        duplicateOf[i] = (duplicateOf[found] as number) >= 0 ? (duplicateOf[found] as number) : found;
      remember(articles, i);
    }
    return duplicateOf;
  };
}

const exactTitle: Clustering = (articles) => {
  const keys = articles.map((article) => normalizeTitle(article.title));
  const first = new Map<string, number>();
  const remember = (_: unknown, i: number): void =>
    void (first.has(keys[i] as string) || first.set(keys[i] as string, i));
  return baseline((_, i) => first.get(keys[i] as string), remember)(articles);
};

/** The SimHash index alone (no word-set index), with the same Jaccard >= 0.6 check on >= 4 words. */
const simHashOnly =
  (maxDistance: number): Clustering =>
  (articles) => {
    const fingerprints = articles.map((article) => titleFingerprint(normalizeTitle(article.title)));
    const index = new NearDuplicateIndex(maxDistance, articles.length);
    const entryArticle: number[] = [];
    const nearest = (all: readonly Synthetic[], i: number): number | undefined => {
      const { words, high, low } = fingerprints[i] as TitleFingerprint;
      const time = (all[i] as Synthetic).publishedAt;
      const found = words.length < 4 ? 0 : index.search(high, low, time - WINDOW, time);
      let best: number | undefined;
      let bestSimilarity = 0.6;
      for (let k = 0; k < found; k++) {
        const candidate = entryArticle[index.candidate(k)] as number;
        const other = (fingerprints[candidate] as TitleFingerprint).words;
        const similarity = other.length < 4 ? 0 : wordSimilarity(words, other);
        if (similarity >= bestSimilarity) [bestSimilarity, best] = [similarity, candidate];
      }
      return best;
    };
    return baseline(nearest, (all, i) => {
      const { high, low } = fingerprints[i] as TitleFingerprint;
      entryArticle.push(i);
      index.add(high, low, (all[i] as Synthetic).publishedAt);
    })(articles);
  };

function byTime(articles: readonly Synthetic[]): number[] {
  return articles
    .map((_, i) => i)
    .sort((a, b) => (articles[a] as Synthetic).publishedAt - (articles[b] as Synthetic).publishedAt || a - b);
}

/** Per kind of copy, the share for which `hit(i)` holds. */
function perKind(articles: readonly Synthetic[], hit: (i: number) => boolean): Record<string, number> {
  const shares: Record<string, number> = {};
  for (const kind of KINDS) {
    const copies = articles.flatMap((article, i) => (article.kind === kind ? [i] : []));
    shares[kind] = copies.filter(hit).length / copies.length;
  }
  return shares;
}

/**
 * Precision: flagged duplicates whose representative belongs to their story. Recall: copies flagged so, per
 * kind. Ceiling: copies meeting the criterion itself (Jaccard >= 0.6 on >= 4 words) with an earlier member of
 * their story, or sharing its URL.
 */
function score(articles: readonly Synthetic[], duplicateOf: Int32Array) {
  const right = (i: number): boolean => {
    const representative = duplicateOf[i] as number;
    return representative >= 0 && articles[representative]?.story === articles[i]?.story;
  };
  const flagged = duplicateOf.filter((representative) => representative >= 0).length;
  const correct = articles.filter((_, i) => right(i)).length;
  return {
    precision: correct / Math.max(1, flagged),
    recall: correct / COPIES,
    recallByKind: perKind(articles, right),
  };
}

function ceiling(articles: readonly Synthetic[]): Record<string, number> {
  const earlier = new Map<number, number[]>();
  const words = articles.map((article) => titleFingerprint(normalizeTitle(article.title)).words);
  const meets = new Uint8Array(articles.length);
  for (const i of byTime(articles)) {
    const story = (articles[i] as Synthetic).story;
    const members = earlier.get(story) ?? [];
    const own = words[i] as Uint32Array;
    meets[i] = members.some((j) => {
      const other = words[j] as Uint32Array;
      const similar = own.length >= 4 && other.length >= 4 && wordSimilarity(own, other) >= 0.6;
      return (
        similar ||
        canonicalUrl((articles[j] as Synthetic).url) === canonicalUrl((articles[i] as Synthetic).url)
      );
    })
      ? 1
      : 0;
    earlier.set(story, [...members, i]);
  }
  return perKind(articles, (i) => meets[i] === 1);
}

function measure(
  articles: readonly Synthetic[],
  clustering: Clustering,
): { wall: number; cpu: number; result: Int32Array } {
  let result = clustering(articles);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    result = clustering(articles);
    walls.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus), result };
}

const articles = generate(12);
const percent = (value: number): string => `${(100 * value).toFixed(1)}%`;
console.log(
  `${articles.length.toLocaleString('en-US')} articles, ${COPIES.toLocaleString('en-US')} of them copies of an earlier story; window 72 h`,
);
console.log('');
console.log('| method | wall ms | CPU ms | precision | recall | recall: cosmetic / one edit / two edits |');
console.log('|---|---:|---:|---:|---:|---|');
for (const [name, clustering] of [
  ['baseline: exact normalised title + canonical URL', exactTitle],
  ['baseline: SimHash index alone, <= 3 bits, + Jaccard', simHashOnly(3)],
  ['baseline: SimHash index alone, <= 7 bits, + Jaccard', simHashOnly(7)],
  ['deduplicate, SimHash <= 3 bits + word-set index, Jaccard >= 0.6', ours(3)],
  ['deduplicate (SimHash <= 7 bits + word-set index, Jaccard >= 0.6); target <= 2,000 ms', ours(7)],
] as const) {
  const { wall, cpu, result } = measure(articles, clustering);
  const { precision, recall, recallByKind } = score(articles, result);
  const byKind = KINDS.map((kind) => percent(recallByKind[kind] ?? 0)).join(' / ');
  console.log(
    `| ${name} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} | ${percent(precision)} | ${percent(recall)} | ${byKind} |`,
  );
}
const limits = ceiling(articles);
console.log(
  `| ceiling: copies meeting the criterion (Jaccard >= 0.6, >= 4 words) or sharing the URL | | | | | ${KINDS.map((kind) => percent(limits[kind] ?? 0)).join(' / ')} |`,
);
