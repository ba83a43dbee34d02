import { join } from 'node:path';
import { z } from 'zod';
import { InvalidInputError, NeuralTraderError, NotFoundError, quote } from '../../core/errors.js';
import { positiveOption } from './option-checks.js';
import type { ArticleText, SentimentScore, SentimentScorer } from './sentiment-scorer.types.js';

/** Read access to the model directory, injected by the composition root (domain code does no I/O). */
export interface ModelFiles {
  exists(path: string): boolean;
  readText(path: string): string;
}

/** A model directory that holds what a FinBERT-class classifier needs. */
export interface TransformerModelFiles {
  readonly directory: string;
  readonly modelPath: string;
  readonly tokenizerPath: string;
  readonly configPath: string;
  /** Lower-case class label of each output index, from config.json `id2label`. */
  readonly labels: readonly string[];
}

/** A loaded sequence classifier: one row of logits (one per label) for each text. */
export interface TextClassifier {
  classify(texts: readonly string[]): Promise<readonly (readonly number[])[]>;
}

/** What loads a model: an ONNX runtime adapter (onnxruntime-node, @huggingface/transformers). */
export interface TransformerRuntime {
  readonly name: string;
  load(model: TransformerModelFiles): Promise<TextClassifier>;
}

/** Model file names looked for, in order: the plain export, then the transformers.js `onnx/` layout. */
export const MODEL_FILE_CANDIDATES = [
  'model.onnx',
  'onnx/model.onnx',
  'model_quantized.onnx',
  'onnx/model_quantized.onnx',
];

const configSchema = z.object({ id2label: z.record(z.string(), z.string()) });

/**
 * Checks that `directory` holds a FinBERT-class ONNX model: a model file (MODEL_FILE_CANDIDATES),
 * tokenizer.json and a config.json whose `id2label` maps indices 0..K-1 to labels including `positive` and
 * `negative` (`neutral` optional). Throws NotFoundError when the directory or a file is missing, saying
 * which, and InvalidInputError when config.json does not fit.
 */
export function findTransformerModel(directory: string, files: ModelFiles): TransformerModelFiles {
  if (directory.trim() === '' || !files.exists(directory)) {
    throw new NotFoundError(`transformer model directory ${quote(directory)} does not exist`);
  }
  const modelPath = MODEL_FILE_CANDIDATES.map((name) => join(directory, name)).find((path) =>
    files.exists(path),
  );
  const tokenizerPath = join(directory, 'tokenizer.json');
  const configPath = join(directory, 'config.json');
  const missing = [
    ...(modelPath === undefined ? ['model.onnx (or onnx/model.onnx)'] : []),
    ...(files.exists(tokenizerPath) ? [] : ['tokenizer.json']),
    ...(files.exists(configPath) ? [] : ['config.json']),
  ];
  if (modelPath === undefined || missing.length > 0) {
    throw new NotFoundError(
      `transformer model directory ${quote(directory)} has no model: missing ${missing.join(', ')} ` +
        '(expected a FinBERT-class sequence classifier exported to ONNX); the lexicon scorer needs no model',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(files.readText(configPath));
  } catch (cause) {
    throw new InvalidInputError(`${quote(configPath)} is not valid JSON`, { cause });
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidInputError(`${quote(configPath)} must have an "id2label" object of label names`, {
      cause: parsed.error,
    });
  }
  const entries = Object.entries(parsed.data.id2label);
  const labels = entries.map((_, index) => parsed.data.id2label[String(index)]?.toLowerCase());
  if (
    labels.some((label) => label === undefined) ||
    !labels.includes('positive') ||
    !labels.includes('negative')
  ) {
    throw new InvalidInputError(
      `${quote(configPath)} id2label ${quote(parsed.data.id2label)} must map 0..${entries.length - 1} to labels including "positive" and "negative"`,
    );
  }
  return { directory, modelPath, tokenizerPath, configPath, labels: labels as string[] };
}

export interface TransformerScorerOptions {
  readonly directory: string;
  readonly files: ModelFiles;
  /** The runtime adapter; null when none is installed (this build has none: see the error). */
  readonly runtime: TransformerRuntime | null;
  /** How much the title counts against the summary or body (default 3, as in the lexicon scorer). */
  readonly titleWeight?: number;
}

/**
 * Opens the optional transformer scorer. Rejects with NotFoundError when the directory holds no model (see
 * findTransformerModel) and with an UNAVAILABLE NeuralTraderError when no runtime is installed: this
 * package ships no ONNX runtime, so a model can be found but not run until one is added.
 */
export async function openTransformerSentimentScorer(
  options: TransformerScorerOptions,
): Promise<TransformerSentimentScorer> {
  const titleWeight = positiveOption('titleWeight', options.titleWeight ?? 3);
  const model = findTransformerModel(options.directory, options.files);
  if (options.runtime === null) {
    throw new NeuralTraderError(
      'UNAVAILABLE',
      `found a transformer model in ${quote(model.directory)} but no ONNX runtime is installed ` +
        '(add onnxruntime-node or @huggingface/transformers and its adapter); use the lexicon scorer meanwhile',
    );
  }
  const classifier = await options.runtime.load(model);
  return new TransformerSentimentScorer(model, classifier, options.runtime.name, titleWeight);
}

/**
 * A SentimentScorer over a loaded classifier. Per text: p = softmax(logits); score = p(positive) -
 * p(negative), in [-1, 1]; confidence = 1 - H(p) / ln K (normalised entropy: 1 when the model is certain of
 * one class, 0 when it is uniform). Per article: the title and then the summary (or the body when there is
 * no summary) are classified; the article's score and confidence are their means weighted titleWeight : 1.
 */
export class TransformerSentimentScorer implements SentimentScorer {
  readonly name: string;
  private readonly positive: number;
  private readonly negative: number;

  constructor(
    readonly model: TransformerModelFiles,
    private readonly classifier: TextClassifier,
    runtimeName: string,
    private readonly titleWeight: number,
  ) {
    this.name = `transformer:${runtimeName}`;
    this.positive = model.labels.indexOf('positive');
    this.negative = model.labels.indexOf('negative');
  }

  async scoreArticles(articles: readonly ArticleText[]): Promise<SentimentScore[]> {
    const texts: string[] = [];
    const owners: number[] = [];
    articles.forEach((article, index) => {
      texts.push(article.title);
      owners.push(index);
      const rest = article.summary || article.body;
      if (rest) {
        texts.push(rest);
        owners.push(index);
      }
    });
    const rows = texts.length === 0 ? [] : await this.classifier.classify(texts);
    if (rows.length !== texts.length) {
      throw new NeuralTraderError(
        'INTERNAL',
        `classifier returned ${rows.length} rows for ${texts.length} texts`,
      );
    }
    const sums = articles.map(() => ({ weight: 0, score: 0, confidence: 0 }));
    rows.forEach((logits, row) => {
      const { score, confidence } = this.scoreLogits(logits);
      const sum = sums[owners[row]!]!;
      const weight = sum.weight === 0 ? this.titleWeight : 1;
      sum.weight += weight;
      sum.score += weight * score;
      sum.confidence += weight * confidence;
    });
    return sums.map((sum) => ({ score: sum.score / sum.weight, confidence: sum.confidence / sum.weight }));
  }

  private scoreLogits(logits: readonly number[]): SentimentScore {
    const k = this.model.labels.length;
    if (logits.length !== k || logits.some((value) => !Number.isFinite(value))) {
      throw new NeuralTraderError(
        'INTERNAL',
        `classifier returned logits ${quote(logits)}, expected ${k} finite values`,
      );
    }
    const max = Math.max(...logits);
    const exps = logits.map((value) => Math.exp(value - max));
    const total = exps.reduce((sum, value) => sum + value, 0);
    const p = exps.map((value) => value / total);
    const entropy = -p.reduce((sum, value) => (value > 0 ? sum + value * Math.log(value) : sum), 0);
    const score = p[this.positive]! - p[this.negative]!;
    return { score, confidence: k > 1 ? Math.max(0, 1 - entropy / Math.log(k)) : 1 };
  }
}
