import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError, NeuralTraderError, NotFoundError } from '../../core/errors.js';
import {
  findTransformerModel,
  openTransformerSentimentScorer,
  type ModelFiles,
  type TextClassifier,
  type TransformerModelFiles,
  type TransformerRuntime,
} from './transformer-sentiment-scorer.js';

const files: ModelFiles = { exists: existsSync, readText: (path) => readFileSync(path, 'utf8') };
const root = mkdtempSync(join(tmpdir(), 'nt-transformer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A directory laid out like a FinBERT ONNX export (ProsusAI/finbert's id2label order). */
function modelDirectory(
  name: string,
  layout: { model?: string; tokenizer?: boolean; config?: string | null } = {},
): string {
  const directory = join(root, name);
  mkdirSync(join(directory, 'onnx'), { recursive: true });
  if (layout.model !== '') writeFileSync(join(directory, layout.model ?? 'onnx/model.onnx'), 'onnx bytes');
  if (layout.tokenizer !== false) writeFileSync(join(directory, 'tokenizer.json'), '{}');
  if (layout.config !== null) {
    writeFileSync(
      join(directory, 'config.json'),
      layout.config ?? JSON.stringify({ id2label: { '0': 'positive', '1': 'negative', '2': 'neutral' } }),
    );
  }
  return directory;
}

describe('findTransformerModel', () => {
  it('finds the model, tokenizer and labels of a FinBERT-class export', () => {
    const directory = modelDirectory('complete');
    expect(findTransformerModel(directory, files)).toEqual({
      directory,
      modelPath: join(directory, 'onnx/model.onnx'),
      tokenizerPath: join(directory, 'tokenizer.json'),
      configPath: join(directory, 'config.json'),
      labels: ['positive', 'negative', 'neutral'],
    });
    const plain = modelDirectory('plain', { model: 'model.onnx' });
    expect(findTransformerModel(plain, files).modelPath).toBe(join(plain, 'model.onnx'));
  });

  it('says there is no model when the directory is missing or empty, naming what is missing', () => {
    const missing = join(root, 'nowhere');
    expect(() => findTransformerModel(missing, files)).toThrow(NotFoundError);
    expect(() => findTransformerModel(missing, files)).toThrow(
      `transformer model directory "${missing}" does not exist`,
    );
    expect(() => findTransformerModel('', files)).toThrow('does not exist');
    const empty = modelDirectory('empty', { model: '', tokenizer: false, config: null });
    expect(() => findTransformerModel(empty, files)).toThrow(
      `transformer model directory "${empty}" has no model: missing model.onnx (or onnx/model.onnx), tokenizer.json, config.json`,
    );
    const noTokenizer = modelDirectory('no-tokenizer', { tokenizer: false });
    expect(() => findTransformerModel(noTokenizer, files)).toThrow('missing tokenizer.json (expected');
  });

  it('refuses a config.json that is not JSON or has no usable id2label', () => {
    expect(() => findTransformerModel(modelDirectory('bad-json', { config: '{' }), files)).toThrow(
      'is not valid JSON',
    );
    expect(() => findTransformerModel(modelDirectory('no-labels', { config: '{}' }), files)).toThrow(
      'must have an "id2label" object',
    );
    const generic = JSON.stringify({ id2label: { '0': 'LABEL_0', '1': 'LABEL_1' } });
    expect(() => findTransformerModel(modelDirectory('generic', { config: generic }), files)).toThrow(
      InvalidInputError,
    );
    const gap = JSON.stringify({ id2label: { '0': 'positive', '2': 'negative' } });
    expect(() => findTransformerModel(modelDirectory('gap', { config: gap }), files)).toThrow(
      'must map 0..1',
    );
  });
});

/** Returns the logits it is given for each text, so the mapping from logits to scores can be checked. */
class FixedLogits implements TextClassifier {
  readonly seen: string[][] = [];
  constructor(private readonly logits: Record<string, number[]>) {}
  classify(texts: readonly string[]): Promise<number[][]> {
    this.seen.push([...texts]);
    return Promise.resolve(texts.map((text) => this.logits[text] ?? [0, 0, 0]));
  }
}

function runtime(classifier: TextClassifier): TransformerRuntime & { loaded: TransformerModelFiles[] } {
  const loaded: TransformerModelFiles[] = [];
  return {
    name: 'fixed',
    loaded,
    load: (model) => {
      loaded.push(model);
      return Promise.resolve(classifier);
    },
  };
}

describe('openTransformerSentimentScorer', () => {
  it('rejects with NOT_FOUND when there is no model, and with UNAVAILABLE when no runtime is installed', async () => {
    await expect(
      openTransformerSentimentScorer({ directory: join(root, 'absent'), files, runtime: null }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const error: unknown = await openTransformerSentimentScorer({
      directory: modelDirectory('found'),
      files,
      runtime: null,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NeuralTraderError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retryable: false });
    expect((error as Error).message).toContain('no ONNX runtime is installed');
  });

  it('maps logits to score = p(positive) - p(negative) and confidence = 1 - entropy / ln 3', async () => {
    const ln = Math.log;
    // softmax([ln 6, ln 3, ln 1]) = [0.6, 0.3, 0.1]
    const classifier = new FixedLogits({ good: [ln(6), ln(3), 0], flat: [1, 1, 1], body: [0, ln(4), 0] });
    const fixed = runtime(classifier);
    const directory = modelDirectory('run');
    const scorer = await openTransformerSentimentScorer({ directory, files, runtime: fixed });
    expect(fixed.loaded).toEqual([findTransformerModel(directory, files)]);
    expect(scorer.model.labels).toEqual(['positive', 'negative', 'neutral']);
    expect(scorer.name).toBe('transformer:fixed');
    const entropy = -(0.6 * ln(0.6) + 0.3 * ln(0.3) + 0.1 * ln(0.1));
    const [good, flat, article] = await scorer.scoreArticles([
      { title: 'good' },
      { title: 'flat', summary: '' },
      { title: 'good', summary: null, body: 'body' },
    ]);
    expect(good!.score).toBeCloseTo(0.3, 12);
    expect(good!.confidence).toBeCloseTo(1 - entropy / ln(3), 12);
    expect(flat!.score).toBe(0);
    expect(flat!.confidence).toBeCloseTo(0, 12);
    // body: softmax([0, ln 4, 0]) = [1/6, 4/6, 1/6] -> score -0.5; title weighs 3 : 1.
    expect(article!.score).toBeCloseTo((3 * 0.3 + 1 * (1 / 6 - 4 / 6)) / 4, 12);
    expect(classifier.seen).toEqual([['good', 'flat', 'good', 'body']]);
  });

  it('refuses a classifier that returns the wrong shape', async () => {
    const short: TextClassifier = { classify: () => Promise.resolve([]) };
    const scorer = await openTransformerSentimentScorer({
      directory: modelDirectory('short'),
      files,
      runtime: runtime(short),
    });
    await expect(scorer.scoreArticles([{ title: 'x' }])).rejects.toThrow(
      'classifier returned 0 rows for 1 texts',
    );
    expect(await scorer.scoreArticles([])).toEqual([]);
    const wide = new FixedLogits({ x: [1, 2] });
    const other = await openTransformerSentimentScorer({
      directory: modelDirectory('wide'),
      files,
      runtime: runtime(wide),
    });
    await expect(other.scoreArticles([{ title: 'x' }])).rejects.toThrow('expected 3 finite values');
    await expect(
      openTransformerSentimentScorer({
        directory: modelDirectory('w'),
        files,
        runtime: runtime(wide),
        titleWeight: 0,
      }),
    ).rejects.toThrow('titleWeight "0" must be > 0');
  });
});
