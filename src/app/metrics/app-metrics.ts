import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, in one registry that `GET /metrics` serves. Every module that has
 * something to count imports the metric it updates from here (one definition per metric: prom-client refuses
 * a second metric of the same name, and a scrape must see one consistent set).
 *
 * Naming follows the Prometheus conventions: `neural_trader_` prefix, base units (seconds), `_total` for
 * counters. Label values come from small fixed sets (job kinds, order sides, statuses, model kinds), never
 * from symbols or ids, so the number of series stays bounded.
 */
export const metricsRegistry = new Registry();

// Process metrics (CPU, resident memory, heap, event-loop lag, handles), collected at scrape time.
collectDefaultMetrics({ register: metricsRegistry, prefix: 'neural_trader_' });

/** HTTP request latency by route template (never the raw URL), method and status code. */
export const httpRequestSeconds = new Histogram({
  name: 'neural_trader_http_request_duration_seconds',
  help: 'HTTP request latency by route template, method and status code',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  registers: [metricsRegistry],
});

/** Backtests finished (the job or use case that ran them increments it), by outcome. */
export const backtestsTotal = new Counter({
  name: 'neural_trader_backtests_total',
  help: 'Backtests run, by outcome (completed or failed)',
  labelNames: ['status'] as const,
  registers: [metricsRegistry],
});

/** Background jobs by kind and status: queued and running now (gauge), finished (counter). */
export const jobsActive = new Gauge({
  name: 'neural_trader_jobs_active',
  help: 'Background jobs queued or running, by kind and status',
  labelNames: ['kind', 'status'] as const,
  registers: [metricsRegistry],
});
export const jobsFinishedTotal = new Counter({
  name: 'neural_trader_jobs_finished_total',
  help: 'Background jobs finished, by kind and outcome',
  labelNames: ['kind', 'status'] as const,
  registers: [metricsRegistry],
});

/** Orders submitted to an execution client (paper or live), by side and order type. */
export const ordersTotal = new Counter({
  name: 'neural_trader_orders_total',
  help: 'Orders submitted to an execution client, by side and type',
  labelNames: ['side', 'type'] as const,
  registers: [metricsRegistry],
});
/** Orders the pre-trade risk rules denied, by rule. */
export const ordersDeniedTotal = new Counter({
  name: 'neural_trader_orders_denied_total',
  help: 'Orders denied by the pre-trade risk rules, by rule',
  labelNames: ['rule'] as const,
  registers: [metricsRegistry],
});
export const fillsTotal = new Counter({
  name: 'neural_trader_fills_total',
  help: 'Fills received from an execution client, by side',
  labelNames: ['side'] as const,
  registers: [metricsRegistry],
});

/** Profit and loss of the trading account in its currency: realized and unrealized. */
export const pnlGauge = new Gauge({
  name: 'neural_trader_pnl',
  help: 'Profit and loss of the trading account in its currency, by kind (realized, unrealized)',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});
export const equityGauge = new Gauge({
  name: 'neural_trader_equity',
  help: 'Equity of the trading account in its currency',
  registers: [metricsRegistry],
});

/** The trading state as a number (0 active, 1 reducing, 2 halted), for alerting on a halt. */
export const TRADING_STATE_VALUES = { active: 0, reducing: 1, halted: 2 } as const;
export const riskStateGauge = new Gauge({
  name: 'neural_trader_risk_trading_state',
  help: 'Trading state: 0 active, 1 reducing (only exposure-reducing orders), 2 halted',
  registers: [metricsRegistry],
});
export const killSwitchTotal = new Counter({
  name: 'neural_trader_kill_switch_total',
  help: 'Kill switch engagements',
  registers: [metricsRegistry],
});

/** Forecast model inference time by model kind (nhits, lstm, transformer, baselines). */
export const modelInferenceSeconds = new Histogram({
  name: 'neural_trader_model_inference_duration_seconds',
  help: 'Forecast model inference latency by model kind',
  labelNames: ['model'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

/** WebSocket clients connected now, and those dropped for falling behind (slow consumers). */
export const websocketClients = new Gauge({
  name: 'neural_trader_websocket_clients',
  help: 'WebSocket clients connected',
  registers: [metricsRegistry],
});
export const websocketDroppedTotal = new Counter({
  name: 'neural_trader_websocket_dropped_total',
  help: 'WebSocket clients dropped, by reason (backpressure, heartbeat)',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});
