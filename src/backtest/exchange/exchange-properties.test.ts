import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderId, type OrderId } from '../../core/ids.js';
import { createOrder } from '../../model/order.js';
import type { OrderRequest } from '../../model/order.types.js';
import { AAA, HOUR, bar, closeOf, makeExchange } from './exchange.fixture.js';
import type { ExchangeBar } from './exchange.types.js';
import { fixedBpsSlippage } from './slippage.js';

const barArbitrary = fc.record({
  gap: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
  change: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
  up: fc.double({ min: 0, max: 0.04, noNaN: true }),
  down: fc.double({ min: 0, max: 0.04, noNaN: true }),
  volume: fc.integer({ min: 0, max: 2000 }),
});

const orderArbitrary = fc.record({
  decisionBar: fc.nat({ max: 24 }),
  type: fc.constantFrom('market', 'limit', 'stop', 'stop_limit', 'trailing_stop'),
  side: fc.constantFrom('buy', 'sell'),
  timeInForce: fc.constantFrom('day', 'gtc', 'ioc', 'fok', 'opg', 'cls'),
  orderClass: fc.constantFrom('simple', 'simple', 'bracket', 'oto', 'oco'),
  offset: fc.double({ min: -0.06, max: 0.06, noNaN: true }),
  spread: fc.double({ min: 0.001, max: 0.06, noNaN: true }),
  quantity: fc.integer({ min: 1, max: 500 }),
  cancelAfter: fc.option(fc.nat({ max: 5 }), { nil: null }),
});

const configArbitrary = fc.record({
  fillTiming: fc.constantFrom('next-open', 'next-close', 'close'),
  maxParticipation: fc.option(fc.double({ min: 0.05, max: 1, noNaN: true }), { nil: undefined }),
  latencyMs: fc.constantFrom(0, 0, HOUR / 2, HOUR),
  slippageBps: fc.double({ min: 0, max: 500, noNaN: true }),
});

function buildBars(
  specs: ReadonlyArray<{ gap: number; change: number; up: number; down: number; volume: number }>,
) {
  let close = 100;
  return specs.map((spec, index) => {
    const open = close * (1 + spec.gap);
    close = open * (1 + spec.change);
    const high = Math.max(open, close) * (1 + spec.up);
    const low = Math.min(open, close) * (1 - spec.down);
    return bar(index, { o: open, h: high, l: low, c: close, v: spec.volume });
  });
}

function buildRequest(
  spec: {
    type: string;
    side: string;
    timeInForce: string;
    orderClass: string;
    offset: number;
    spread: number;
    quantity: number;
  },
  reference: number,
): OrderRequest {
  const price = reference * (1 + spec.offset);
  const spread = reference * spec.spread;
  const buy = spec.side === 'buy';
  const fields: Record<string, unknown> = {
    instrumentId: AAA,
    side: spec.side,
    type: spec.type,
    quantity: spec.quantity,
    timeInForce: spec.timeInForce,
    orderClass: spec.orderClass,
  };
  if (spec.type === 'limit' || spec.type === 'stop_limit') fields.limitPrice = price;
  if (spec.type === 'stop' || spec.type === 'stop_limit') fields.stopPrice = price;
  if (spec.type === 'trailing_stop') fields.trailPrice = spread;
  if (spec.orderClass === 'bracket' || spec.orderClass === 'oto') {
    fields.takeProfitPrice = buy ? price + spread : price - spread;
    if (spec.orderClass === 'bracket') fields.stopLossPrice = buy ? price - spread : price + spread;
  }
  if (spec.orderClass === 'oco') {
    fields.type = 'limit';
    fields.limitPrice = buy ? price - spread : price + spread;
    fields.takeProfitPrice = fields.limitPrice;
    fields.stopLossPrice = buy ? price + spread : price - spread;
    delete fields.stopPrice;
    delete fields.trailPrice;
  }
  return fields as unknown as OrderRequest;
}

describe('SimulatedExchange properties', () => {
  it('fills inside the bar range, never before eligibility, never over quantity, in legal states', () => {
    fc.assert(
      fc.property(
        fc.array(barArbitrary, { minLength: 5, maxLength: 30 }),
        fc.array(orderArbitrary, { maxLength: 12 }),
        configArbitrary,
        (barSpecs, orderSpecs, configSpec) => {
          const bars = buildBars(barSpecs);
          const latencyMs = configSpec.fillTiming === 'close' ? 0 : configSpec.latencyMs;
          const { exchange, events } = makeExchange({
            fillTiming: configSpec.fillTiming,
            latencyMs,
            slippage: fixedBpsSlippage(configSpec.slippageBps),
            ...(configSpec.maxParticipation === undefined
              ? {}
              : { maxParticipation: configSpec.maxParticipation }),
          });
          const eligibleFrom = new Map<OrderId, number>();
          const quantities = new Map<OrderId, number>();
          const orderQuantity = new Map<OrderId, number>();
          const cancels = new Map<number, OrderId[]>();
          // Which bar each event was emitted on (a same-bar close fill belongs to the decision bar).
          const eventBar: (ExchangeBar | undefined)[] = [];
          let currentBar: ExchangeBar | undefined;
          let counter = 0;
          bars.forEach((current, index) => {
            currentBar = current;
            exchange.processBar(current);
            for (const id of cancels.get(index) ?? []) exchange.cancel(id, closeOf(index));
            while (eventBar.length < events.length) eventBar.push(current);
            orderSpecs
              .filter((spec) => spec.decisionBar === index)
              .forEach((spec) => {
                const id = orderId(`O${++counter}`);
                const created = createOrder(buildRequest(spec, current.close), { id }, closeOf(index));
                if (!created.ok) return;
                eligibleFrom.set(id, closeOf(index) + latencyMs);
                orderQuantity.set(id, created.value.quantity);
                exchange.submit(created.value, closeOf(index));
                if (spec.cancelAfter !== null) {
                  const at = index + 1 + spec.cancelAfter;
                  cancels.set(at, [...(cancels.get(at) ?? []), id]);
                }
              });
            while (eventBar.length < events.length) eventBar.push(currentBar);
          });
          const terminal = new Set<string>();
          events.forEach((event, position) => {
            const id =
              event.type === 'OrderInitialized' ? event.order.id : 'orderId' in event ? event.orderId : null;
            expect(id).not.toBeNull();
            if (id === null) return;
            expect(terminal.has(id)).toBe(false);
            if (event.type === 'OrderInitialized') {
              const root = event.order.parentId;
              expect(root).not.toBeNull();
              if (root !== null) eligibleFrom.set(event.order.id, eligibleFrom.get(root) ?? Number.NaN);
              orderQuantity.set(event.order.id, event.order.quantity);
            }
            if (event.type === 'OrderFilled') {
              const barOfFill = eventBar[position];
              expect(barOfFill).toBeDefined();
              if (barOfFill === undefined) return;
              const { fill } = event;
              expect(fill.price).toBeGreaterThanOrEqual(barOfFill.low);
              expect(fill.price).toBeLessThanOrEqual(barOfFill.high);
              const eligible = eligibleFrom.get(fill.orderId) ?? Number.NaN;
              const report = exchange.fillReports.find((candidate) => candidate.fillId === fill.id);
              if (report?.sameBarClose === true) expect(configSpec.fillTiming).toBe('close');
              else expect(barOfFill.tsEvent).toBeGreaterThanOrEqual(eligible);
              expect(fill.tsEvent).toBeGreaterThanOrEqual(eligible);
              const total = (quantities.get(fill.orderId) ?? 0) + fill.quantity;
              quantities.set(fill.orderId, total);
              expect(total).toBeLessThanOrEqual((orderQuantity.get(fill.orderId) ?? 0) * (1 + 1e-9));
              if (event.status === 'filled') terminal.add(id);
            }
            if (['OrderCanceled', 'OrderExpired', 'OrderRejected'].includes(event.type)) terminal.add(id);
          });
          for (const order of exchange.openOrders()) {
            expect(['accepted', 'partially_filled']).toContain(order.status);
            expect(terminal.has(order.id)).toBe(false);
            expect(order.filledQuantity).toBeLessThanOrEqual(order.quantity);
            expect(quantities.get(order.id) ?? 0).toBeCloseTo(order.filledQuantity, 9);
          }
          expect(exchange.ambiguousBars).toBe(exchange.ambiguities.length);
        },
      ),
      { numRuns: 300, seed: 20_240_102 },
    );
  });
});
