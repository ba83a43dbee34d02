import { InvalidInputError, quote } from '../core/errors.js';

/**
 * The objective of an optimization: one metric of the trial's metrics (any name the backtest metrics or the
 * executor report; `sharpeRatio` by default), a direction, and constraints that make a trial infeasible.
 * - Direction: `maximize`, except for metrics that are losses (drawdowns, volatility, downside deviation,
 *   fees, slippage), which are minimized. `max:NAME` / `min:NAME` force a direction.
 * - Short names the CLI accepts: sharpe, sortino, calmar, return, cagr, volatility, drawdown, trades, profit.
 * - score(metrics) is the value to rank by, larger is better: the metric for `maximize`, its negative for
 *   `minimize`; −Infinity when a constraint fails or the metric (or a constrained metric) is missing, null or
 *   NaN, so such trials rank last and never become "best".
 */
export const OBJECTIVE_DIRECTIONS = ['maximize', 'minimize'] as const;
export type ObjectiveDirection = (typeof OBJECTIVE_DIRECTIONS)[number];

export const CONSTRAINT_OPERATORS = ['<=', '>=', '<', '>', '=='] as const;
export type ConstraintOperator = (typeof CONSTRAINT_OPERATORS)[number];

export interface Constraint {
  readonly metric: string;
  readonly operator: ConstraintOperator;
  readonly bound: number;
}

export interface Objective {
  readonly metric: string;
  readonly direction: ObjectiveDirection;
  readonly constraints: readonly Constraint[];
}

export type TrialMetrics = Readonly<Record<string, number | null | undefined>>;

const ALIASES: Readonly<Record<string, string>> = {
  sharpe: 'sharpeRatio',
  sortino: 'sortinoRatio',
  calmar: 'calmarRatio',
  return: 'totalReturn',
  cagr: 'annualizedReturn',
  volatility: 'annualizedVolatility',
  drawdown: 'maxDrawdown',
  trades: 'closedTrades',
  profit: 'netProfit',
};

/** Metrics where less is better. */
export const LOSS_METRICS: ReadonlySet<string> = new Set([
  'maxDrawdown',
  'maxDrawdownAmount',
  'maxDrawdownDurationBars',
  'maxDrawdownDurationMs',
  'longestDrawdownBars',
  'longestDrawdownMs',
  'annualizedVolatility',
  'annualizedDownsideDeviation',
  'fees',
  'slippage',
]);

const METRIC_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Resolves a short name to the metric name and checks its form. */
export function metricName(name: string): string {
  const trimmed = name.trim();
  const resolved = ALIASES[trimmed] ?? trimmed;
  if (!METRIC_PATTERN.test(resolved))
    throw new InvalidInputError(
      `metric ${quote(name)} must be a metric name such as sharpeRatio or maxDrawdown`,
    );
  return resolved;
}

/** Parses `--objective` (default sharpeRatio) and `--constraints`. */
export function parseObjective(spec = 'sharpeRatio', constraints = ''): Objective {
  const text = spec.trim();
  const prefix = /^(max|min):/.exec(text);
  const metric = metricName(prefix === null ? text : text.slice(prefix[0].length));
  const direction: ObjectiveDirection =
    prefix === null
      ? LOSS_METRICS.has(metric)
        ? 'minimize'
        : 'maximize'
      : prefix[1] === 'min'
        ? 'minimize'
        : 'maximize';
  return { metric, direction, constraints: parseConstraints(constraints) };
}

const CONSTRAINT_PATTERN = /^([^<>=]+?)\s*(<=|>=|==|<|>)\s*(.+)$/;

/** Parses `maxDrawdown<=0.2,closedTrades>=30` (empty: no constraints); bounds accept a trailing % (20% = 0.2). */
export function parseConstraints(spec: string): Constraint[] {
  if (spec.trim() === '') return [];
  return spec.split(',').map((rawPart) => {
    const part = rawPart.trim();
    const match = CONSTRAINT_PATTERN.exec(part);
    if (match === null)
      throw new InvalidInputError(
        `constraint ${quote(part)} must be METRIC<=VALUE, >=, <, > or == (e.g. maxDrawdown<=0.2)`,
      );
    const [, rawMetric, operator, rawBound] = match as unknown as [
      string,
      string,
      ConstraintOperator,
      string,
    ];
    const boundText = rawBound.trim();
    const percent = boundText.endsWith('%');
    const numberText = percent ? boundText.slice(0, -1) : boundText;
    const bound = Number(numberText) / (percent ? 100 : 1);
    if (numberText.trim() === '' || !Number.isFinite(bound))
      throw new InvalidInputError(`constraint ${quote(part)}: bound ${quote(boundText)} must be a number`);
    return { metric: metricName(rawMetric), operator, bound };
  });
}

function holds(value: number, operator: ConstraintOperator, bound: number): boolean {
  switch (operator) {
    case '<=':
      return value <= bound;
    case '>=':
      return value >= bound;
    case '<':
      return value < bound;
    case '>':
      return value > bound;
    case '==':
      return value === bound;
  }
}

function finiteOrNaN(value: number | null | undefined): number {
  return typeof value === 'number' ? value : Number.NaN;
}

/** Whether every constraint holds (a missing or NaN constrained metric fails). */
export function isFeasible(objective: Objective, metrics: TrialMetrics): boolean {
  for (const constraint of objective.constraints) {
    const value = finiteOrNaN(metrics[constraint.metric]);
    if (Number.isNaN(value) || !holds(value, constraint.operator, constraint.bound)) return false;
  }
  return true;
}

/** The ranking score, larger is better; −Infinity when infeasible or the metric is missing / NaN. */
export function score(objective: Objective, metrics: TrialMetrics): number {
  const value = finiteOrNaN(metrics[objective.metric]);
  if (Number.isNaN(value) || !isFeasible(objective, metrics)) return Number.NEGATIVE_INFINITY;
  return objective.direction === 'maximize' ? value : -value;
}

/** The metric's own value back from a score (undoes the sign of `minimize`). */
export function objectiveValue(objective: Objective, scoreValue: number): number {
  return objective.direction === 'maximize' ? scoreValue : -scoreValue;
}

/** Human form: `maximize sharpeRatio subject to maxDrawdown <= 0.2, closedTrades >= 30`. */
export function describeObjective(objective: Objective): string {
  const base = `${objective.direction} ${objective.metric}`;
  if (objective.constraints.length === 0) return base;
  return `${base} subject to ${objective.constraints.map((c) => `${c.metric} ${c.operator} ${c.bound}`).join(', ')}`;
}
