/**
 * Close series with hand-picked returns for the VaR and correlation tests: each close is the previous one
 * times (1 + r), so the returns are exactly the listed ones up to float rounding (~1e-16).
 */
export function closesFromReturns(start: number, returns: readonly number[]): Float64Array {
  const closes = new Float64Array(returns.length + 1);
  closes[0] = start;
  for (let t = 0; t < returns.length; t++)
    closes[t + 1] = (closes[t] as number) * (1 + (returns[t] as number));
  return closes;
}

/** r, −r, r, −r, … (n values): mean 0, sample variance n r² / (n − 1). */
export function alternating(r: number, n: number): number[] {
  return Array.from({ length: n }, (_, t) => (t % 2 === 0 ? r : -r));
}
