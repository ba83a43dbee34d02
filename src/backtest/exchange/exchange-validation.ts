import { InvalidInputError, quote } from '../../core/errors.js';
import type { InstrumentId } from '../../core/ids.js';
import type { Instrument } from '../../model/instrument.js';
import type { Order } from '../../model/order.types.js';
import type { ExchangeBar, SimulatedExchangeConfig } from './exchange.types.js';
import type { OrderBook } from './order-book.js';
import { legProblem } from './order-links.js';

/**
 * Checks a config: a known fill timing, maxParticipation in (0, 1], latencyMs finite and >= 0, and latency 0
 * under `close` timing (a fill at the decision bar's close leaves no time for latency). Throws
 * InvalidInputError naming the value.
 */
export function validateExchangeConfig(config: SimulatedExchangeConfig, timings: readonly string[]): void {
  if (!timings.includes(config.fillTiming)) {
    throw new InvalidInputError(
      `fillTiming ${quote(config.fillTiming)} must be one of ${timings.join(', ')}`,
    );
  }
  const participation = config.maxParticipation;
  if (participation !== undefined && !(participation > 0 && participation <= 1)) {
    throw new InvalidInputError(`maxParticipation ${quote(participation)} must be in (0, 1]`);
  }
  const latency = config.latencyMs ?? 0;
  if (!(Number.isFinite(latency) && latency >= 0)) {
    throw new InvalidInputError(`latencyMs ${quote(latency)} must be a finite number >= 0`);
  }
  if (config.fillTiming === 'close' && latency > 0) {
    throw new InvalidInputError(
      `latencyMs ${quote(latency)} must be 0 with fillTiming "close": a fill at the decision bar's close leaves no time for latency`,
    );
  }
}

/**
 * Checks a bar: finite fields, low <= min(open, close), high >= max(open, close), low > 0, volume >= 0,
 * tsClose >= tsEvent, and tsEvent after the previous bar of the instrument. Throws InvalidInputError.
 */
export function validateExchangeBar(bar: ExchangeBar, previousTsEvent: number | null): void {
  const { open, high, low, close, volume, tsEvent, tsClose } = bar;
  const finite =
    Number.isFinite(open) &&
    Number.isFinite(high) &&
    Number.isFinite(low) &&
    Number.isFinite(close) &&
    Number.isFinite(volume) &&
    Number.isFinite(tsEvent) &&
    Number.isFinite(tsClose);
  if (!finite) {
    const fields = { open, high, low, close, volume, tsEvent, tsClose };
    const [field, value] = Object.entries(fields).find(([, v]) => !Number.isFinite(v)) ?? ['', NaN];
    throw new InvalidInputError(`bar ${field} ${quote(value)} of ${quote(bar.instrumentId)} must be finite`);
  }
  if (!(low > 0 && low <= Math.min(open, close) && high >= Math.max(open, close))) {
    throw new InvalidInputError(
      `bar of ${quote(bar.instrumentId)} at ${quote(tsEvent)} must satisfy 0 < low <= open, close <= high: ` +
        `got open ${quote(open)} high ${quote(high)} low ${quote(low)} close ${quote(close)}`,
    );
  }
  if (volume < 0) throw new InvalidInputError(`bar volume ${quote(volume)} must be >= 0`);
  if (tsClose < tsEvent) {
    throw new InvalidInputError(
      `bar tsClose ${quote(tsClose)} must not be before its tsEvent ${quote(tsEvent)}`,
    );
  }
  if (previousTsEvent !== null && !(tsEvent > previousTsEvent)) {
    throw new InvalidInputError(
      `bar tsEvent ${quote(tsEvent)} of ${quote(bar.instrumentId)} must be after the previous bar's ${quote(previousTsEvent)}`,
    );
  }
}

/**
 * Why the exchange rejects an order, or null: a duplicate id, an unknown instrument (when instruments are
 * configured), an oco order that is not a limit at its take-profit price.
 */
export function submissionProblem(
  order: Order,
  book: OrderBook,
  instruments: ReadonlyMap<InstrumentId, Instrument> | undefined,
): string | null {
  if (book.wasSubmitted(order.id)) return `order id ${quote(order.id)} was already submitted`;
  if (instruments !== undefined && !instruments.has(order.instrumentId)) {
    return `instrument ${quote(order.instrumentId)} is not traded at this exchange`;
  }
  return legProblem(order);
}
