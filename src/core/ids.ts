/** Branded ids: a plain string at run time, a distinct type at compile time so ids cannot be mixed up. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type InstrumentId = Brand<string, 'InstrumentId'>;
export type OrderId = Brand<string, 'OrderId'>;
export type ClientOrderId = Brand<string, 'ClientOrderId'>;
export type FillId = Brand<string, 'FillId'>;
export type PositionId = Brand<string, 'PositionId'>;
export type AccountId = Brand<string, 'AccountId'>;
export type StrategyId = Brand<string, 'StrategyId'>;
export type RunId = Brand<string, 'RunId'>;

function brandOf<B extends string>(kind: B) {
  return (value: string): Brand<string, B> => {
    if (value.length === 0) throw new TypeError(`${kind} must be a non-empty string`);
    return value as Brand<string, B>;
  };
}

export const instrumentId = brandOf('InstrumentId');
export const orderId = brandOf('OrderId');
export const clientOrderId = brandOf('ClientOrderId');
export const fillId = brandOf('FillId');
export const positionId = brandOf('PositionId');
export const accountId = brandOf('AccountId');
export const strategyId = brandOf('StrategyId');
export const runId = brandOf('RunId');
