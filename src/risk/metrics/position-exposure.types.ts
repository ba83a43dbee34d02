/** A holding as the risk metrics see it: signed market value (negative for a short), optional sector. */
export interface PositionExposure {
  readonly symbol: string;
  readonly marketValue: number;
  readonly sector?: string | null;
}
