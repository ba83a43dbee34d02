import { z } from 'zod';
import { InvalidInputError } from '../../core/errors.js';
import { SENTIMENT_LABELS, type LabelledText } from './evaluate-sentiment.js';

const labelledSetSchema = z.object({
  description: z.string(),
  items: z
    .array(z.object({ text: z.string().trim().min(1), label: z.enum(SENTIMENT_LABELS) }).strict())
    .min(1),
});

/** Repository paths of the labelled headline sets, relative to the project root. */
export const LABELLED_HEADLINES_PATH = 'src/news/sentiment/labelled-headlines.json';
export const HELD_OUT_HEADLINES_PATH = 'src/news/sentiment/held-out-headlines.json';

/**
 * Validates the parsed JSON of a labelled set (`{description, items: [{text, label}]}`, labels negative /
 * neutral / positive) and returns its items. Duplicate texts are refused: a duplicated item would count
 * twice in the figures. The caller reads the file (domain code does no I/O).
 */
export function parseLabelledHeadlines(json: unknown): LabelledText[] {
  const parsed = labelledSetSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined ? '' : issue.path.join('.');
    throw new InvalidInputError(`labelled set: ${path || '(root)'}: ${issue?.message ?? 'invalid'}`, {
      cause: parsed.error,
    });
  }
  const seen = new Set<string>();
  for (const item of parsed.data.items) {
    if (seen.has(item.text))
      throw new InvalidInputError(`labelled set: ${JSON.stringify(item.text)} is listed twice`);
    seen.add(item.text);
  }
  return parsed.data.items;
}
