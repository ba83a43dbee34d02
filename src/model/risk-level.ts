/** A user's appetite for risk; strategies declare theirs and the risk presets map each to concrete limits. */
export const RISK_LEVELS = ['low', 'medium', 'high', 'aggressive'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
