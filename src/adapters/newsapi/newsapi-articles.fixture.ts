/** NewsAPI payloads for the tests, in the documented shape of /v2/everything and /v2/top-headlines. */
/** An article in NewsAPI's documented shape. */
export function article(n: number, overrides: Record<string, unknown> = {}) {
  return {
    source: { id: 'reuters', name: 'Reuters' },
    author: 'Jane Doe',
    title: `Acme beats estimates ${n}`,
    description: `<p>Acme &amp; Co. reported <b>record</b> sales ${n}.</p>`,
    url: `https://news.example/acme-${n}`,
    urlToImage: null,
    publishedAt: `2024-03-0${n}T14:30:00Z`,
    content: `Acme reported record sales on Tuesday ${n}\u2026 [+2154 chars]`,
    ...overrides,
  };
}
export const page = (articles: unknown[], totalResults = articles.length) => ({
  json: { status: 'ok', totalResults, articles },
});
