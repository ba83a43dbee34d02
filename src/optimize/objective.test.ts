import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import {
  describeObjective,
  isFeasible,
  metricName,
  objectiveValue,
  parseConstraints,
  parseObjective,
  score,
} from './objective.js';

describe('parseObjective', () => {
  it('maximizes sharpeRatio by default', () => {
    expect(parseObjective()).toEqual({ metric: 'sharpeRatio', direction: 'maximize', constraints: [] });
  });

  it('resolves short names and minimizes loss metrics', () => {
    expect(parseObjective('sharpe').metric).toBe('sharpeRatio');
    expect(parseObjective('drawdown')).toMatchObject({ metric: 'maxDrawdown', direction: 'minimize' });
    expect(parseObjective('annualizedVolatility').direction).toBe('minimize');
    expect(parseObjective('totalReturn').direction).toBe('maximize');
  });

  it('takes an explicit direction prefix', () => {
    expect(parseObjective('min:closedTrades')).toMatchObject({
      metric: 'closedTrades',
      direction: 'minimize',
    });
    expect(parseObjective('max:maxDrawdown')).toMatchObject({ metric: 'maxDrawdown', direction: 'maximize' });
  });

  it('rejects a malformed metric name', () => {
    expect(() => metricName('sharpe ratio')).toThrow(InvalidInputError);
    expect(() => parseObjective('max:')).toThrow(/metric "" must be a metric name/);
  });
});

describe('parseConstraints', () => {
  it('parses the CLI form, with percent bounds and spaces', () => {
    expect(
      parseConstraints('maxDrawdown<=0.2, closedTrades >= 30,drawdown<20%,winRate>0.4,openTrades==0'),
    ).toEqual([
      { metric: 'maxDrawdown', operator: '<=', bound: 0.2 },
      { metric: 'closedTrades', operator: '>=', bound: 30 },
      { metric: 'maxDrawdown', operator: '<', bound: 0.2 },
      { metric: 'winRate', operator: '>', bound: 0.4 },
      { metric: 'openTrades', operator: '==', bound: 0 },
    ]);
    expect(parseConstraints('  ')).toEqual([]);
  });

  it.each([
    ['maxDrawdown', /constraint "maxDrawdown" must be METRIC<=VALUE/],
    ['maxDrawdown<=abc', /bound "abc" must be a number/],
    ['maxDrawdown<=%', /bound "%" must be a number/],
    ['max Drawdown<=1', /metric "max Drawdown" must be a metric name/],
  ])('rejects %j with a clear message', (spec, message) => {
    expect(() => parseConstraints(spec)).toThrow(message);
  });
});

describe('score', () => {
  const objective = parseObjective('sharpe', 'maxDrawdown<=0.2,closedTrades>=30');

  it('is the metric when every constraint holds', () => {
    expect(score(objective, { sharpeRatio: 1.3, maxDrawdown: 0.2, closedTrades: 30 })).toBe(1.3);
    expect(isFeasible(objective, { maxDrawdown: 0.1, closedTrades: 31 })).toBe(true);
  });

  it('is -Infinity when a constraint fails or a value is missing, null or NaN', () => {
    expect(score(objective, { sharpeRatio: 1.3, maxDrawdown: 0.21, closedTrades: 30 })).toBe(-Infinity);
    expect(score(objective, { sharpeRatio: 1.3, maxDrawdown: 0.1, closedTrades: 29 })).toBe(-Infinity);
    expect(score(objective, { sharpeRatio: 1.3, maxDrawdown: 0.1 })).toBe(-Infinity);
    expect(score(objective, { sharpeRatio: null, maxDrawdown: 0.1, closedTrades: 40 })).toBe(-Infinity);
    expect(score(objective, { sharpeRatio: Number.NaN, maxDrawdown: 0.1, closedTrades: 40 })).toBe(-Infinity);
    expect(score(objective, { sharpeRatio: 1, maxDrawdown: Number.NaN, closedTrades: 40 })).toBe(-Infinity);
  });

  it('negates minimized metrics so larger scores are always better', () => {
    const drawdown = parseObjective('maxDrawdown', 'winRate>0.5,trades>0,fees<10,openTrades==0');
    const metrics = { maxDrawdown: 0.15, winRate: 0.6, closedTrades: 3, fees: 2, openTrades: 0 };
    expect(score(drawdown, metrics)).toBe(-0.15);
    expect(objectiveValue(drawdown, -0.15)).toBe(0.15);
    expect(objectiveValue(objective, 2)).toBe(2);
    expect(score(drawdown, { ...metrics, winRate: 0.5 })).toBe(-Infinity);
    expect(score(drawdown, { ...metrics, openTrades: 1 })).toBe(-Infinity);
    expect(score(drawdown, { ...metrics, fees: 10 })).toBe(-Infinity);
  });

  it('describes itself in words', () => {
    expect(describeObjective(objective)).toBe(
      'maximize sharpeRatio subject to maxDrawdown <= 0.2, closedTrades >= 30',
    );
    expect(describeObjective(parseObjective('drawdown'))).toBe('minimize maxDrawdown');
  });
});
