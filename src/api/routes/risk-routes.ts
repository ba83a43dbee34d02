import { z } from 'zod';
import { analyzeCurrentPortfolio } from '../../app/analyze-current-portfolio.js';
import { analyzeSymbolRisk } from '../../app/analyze-symbol-risk.js';
import type { RiskLimitsChoice, RiskLimitsView } from '../../app/risk-controls.js';
import { VAR_METHODS } from '../../risk/metrics/var-methods.js';
import { TRADING_STATES } from '../../risk/state/trading-state.js';
import type { RouteModule } from '../api-context.js';
import {
  asResponse,
  dateSchema,
  errorResponses,
  isoTime,
  jsonSafe,
  looseObject,
  riskLevelSchema,
  symbolSchema,
  timeframeSchema,
  withoutUndefined,
} from '../schemas/common.js';
import { immutableResponse } from '../schemas/response-cache.js';

const measureFields = {
  confidences: z.array(z.number().gt(0.5).lt(1)).min(1).max(10).default([0.95, 0.99]),
  methods: z
    .array(z.enum(VAR_METHODS))
    .min(1)
    .default([...VAR_METHODS]),
  mcPaths: z.int().min(100).max(1_000_000).optional().describe('Monte Carlo paths (default 10,000)'),
  seed: z.int().optional().describe('Monte Carlo seed (default 42)'),
  riskFreeRate: z.number().gt(-1).finite().optional().describe('annual, e.g. 0.04'),
  periodsPerYear: z.number().positive().finite().optional().describe('annualization scale (default 252)'),
};

const analysisBodySchema = z
  .union([
    z.strictObject({
      symbol: symbolSchema.describe('a stored symbol: risk of its close-to-close returns'),
      timeframe: timeframeSchema.optional(),
      from: dateSchema.optional(),
      to: dateSchema.optional(),
      benchmark: symbolSchema.optional().describe('stored symbol for beta'),
      minimumAcceptableReturn: z.number().gt(-1).finite().optional(),
      ...measureFields,
    }),
    z.strictObject({
      portfolio: z
        .literal('current')
        .describe('the open positions in the store, priced at stored daily bars'),
      lookback: z.int().min(3).max(100_000).optional().describe('daily returns used (default 252)'),
      equity: z
        .number()
        .positive()
        .finite()
        .optional()
        .describe('equity for the weights (default: gross value)'),
      ...measureFields,
    }),
  ])
  .meta({ id: 'RiskAnalysisRequest' });

const limitsBodySchema = z
  .union([
    z.strictObject({
      preset: riskLevelSchema,
      overrides: z
        .record(z.string(), z.unknown())
        .optional()
        .describe(
          'sections that replace the preset\'s, e.g. {"shortSale": {"shortable": ["AAPL"]}}; null turns a rule off',
        ),
    }),
    z.strictObject({ limits: z.record(z.string(), z.unknown()).describe('a full risk configuration') }),
  ])
  .meta({ id: 'RiskLimitsRequest' });

const limitsSchema = z
  .object({
    choice: looseObject,
    limits: looseObject.describe('the validated configuration in force (src/risk/README.md)'),
    tradingState: z.enum(TRADING_STATES),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'RiskLimits' });

const killSwitchBodySchema = z
  .discriminatedUnion('action', [
    z.strictObject({
      action: z.literal('engage'),
      reason: z.string().trim().min(1).max(500),
      flatten: z.boolean().default(false).describe('also close every position'),
    }),
    z.strictObject({ action: z.literal('release'), reason: z.string().trim().min(1).max(500) }),
  ])
  .meta({ id: 'KillSwitchRequest' });

const killSwitchSchema = z
  .object({
    tradingState: z.enum(TRADING_STATES),
    transition: looseObject.nullable(),
    plan: z
      .object({
        cancel: z.array(z.string()),
        flatten: z.array(
          z.object({ instrumentId: z.string(), side: z.enum(['buy', 'sell']), quantity: z.number() }),
        ),
      })
      .nullable(),
    executed: z
      .boolean()
      .describe('false: no trading node runs in this server; nothing was sent to a broker'),
  })
  .meta({ id: 'KillSwitchOutcome' });

/** Rendered views by identity: RiskControls returns the same view object until the limits or state change. */
const rendered = new WeakMap<RiskLimitsView, z.output<typeof limitsSchema>>();

function limitsView(view: RiskLimitsView): z.output<typeof limitsSchema> {
  let body = rendered.get(view);
  if (body === undefined) {
    body = immutableResponse(
      asResponse(limitsSchema, { ...(jsonSafe(view) as object), updatedAt: isoTime(view.updatedAt) }),
    );
    rendered.set(view, body);
  }
  return body;
}

/** Risk analysis, the pre-trade limits in force and the kill switch. */
export const riskRoutes: RouteModule = {
  name: 'risk',
  register(app, context) {
    app.post(
      '/risk/analysis',
      {
        schema: {
          tags: ['risk'],
          summary: 'VaR/ES by method and confidence, volatility, Sharpe, Sortino, drawdown, beta',
          description:
            'Of a stored symbol (as `risk analyze --input` on its closes) or of the current portfolio.',
          body: analysisBodySchema,
          response: { 200: looseObject, ...errorResponses },
        },
      },
      async (request) => {
        const body = withoutUndefined(request.body);
        if ('portfolio' in body) {
          const { portfolio: _current, ...rest } = body;
          return asResponse(looseObject, jsonSafe(await analyzeCurrentPortfolio(context.store, rest)));
        }
        return asResponse(looseObject, jsonSafe(await analyzeSymbolRisk(context.store, body)));
      },
    );

    app.get(
      '/risk/limits',
      {
        schema: {
          tags: ['risk'],
          summary: 'The pre-trade risk limits in force and the trading state',
          response: { 200: limitsSchema, ...errorResponses },
        },
      },
      () => limitsView(context.riskControls.view()),
    );

    app.put(
      '/risk/limits',
      {
        config: { access: 'trader' },
        schema: {
          tags: ['risk'],
          summary: 'Set the limits: a risk-level preset (with sections replaced) or a full configuration',
          body: limitsBodySchema,
          response: { 200: limitsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const body = request.body;
        const choice: RiskLimitsChoice =
          'preset' in body
            ? { preset: body.preset, ...(body.overrides === undefined ? {} : { overrides: body.overrides }) }
            : { limits: body.limits };
        const subject = request.principal?.subject ?? 'unknown';
        return limitsView(await context.riskControls.setLimits(choice, subject));
      },
    );

    app.post(
      '/risk/kill-switch',
      {
        config: { access: 'trader' },
        schema: {
          tags: ['risk'],
          summary: 'Engage the kill switch (halt trading, plan cancels and closes) or release it',
          body: killSwitchBodySchema,
          response: { 200: killSwitchSchema, ...errorResponses },
        },
      },
      async (request) => {
        const operator = request.principal?.subject ?? 'unknown';
        const body = request.body;
        const outcome =
          body.action === 'engage'
            ? await context.riskControls.engageKillSwitch({
                operator,
                reason: body.reason,
                flatten: body.flatten,
              })
            : await context.riskControls.release({ operator, reason: body.reason });
        return asResponse(killSwitchSchema, jsonSafe(outcome));
      },
    );
  },
};
