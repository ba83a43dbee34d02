/**
 * Selects the `count` best eligible entries of `values` — the largest for `direction` 1, the smallest for -1 —
 * into `out` in rank order, ties broken by the lower index (stable, so runs are deterministic); returns how many
 * were selected (fewer when fewer are eligible). Partial selection in O(n · count), no allocation: `taken` is
 * caller-owned scratch of the same length (cleared here). NaN values are never selected.
 */
export function selectTop(
  values: Float64Array,
  eligible: Uint8Array,
  count: number,
  direction: 1 | -1,
  out: Int32Array,
  taken: Uint8Array,
): number {
  taken.fill(0);
  const n = values.length;
  let selected = 0;
  while (selected < count) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      if (eligible[i] !== 1 || taken[i] === 1) continue;
      const value = direction * (values[i] as number);
      if (Number.isNaN(value)) continue;
      if (best === -1 || value > bestValue) {
        best = i;
        bestValue = value;
      }
    }
    if (best === -1) break;
    taken[best] = 1;
    out[selected++] = best;
  }
  return selected;
}
