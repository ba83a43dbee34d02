import { ANALYST_RATINGS } from './analyst-ratings.js';
import { CORPORATE_EVENTS } from './corporate-events.js';
import { EARNINGS_AND_GUIDANCE } from './earnings-and-guidance.js';
import { GENERAL_WORDS } from './general-words.js';
import { LEGAL_AND_MACRO } from './legal-and-macro.js';
import type { LexiconDefinition } from './lexicon-entry.types.js';
import { MARKET_MOVES } from './market-moves.js';
import { MODIFIERS } from './modifiers.js';

/** The finance lexicon the scorer uses by default: every section plus the modifiers. */
export const FINANCE_LEXICON: LexiconDefinition = {
  sections: [
    GENERAL_WORDS,
    MARKET_MOVES,
    EARNINGS_AND_GUIDANCE,
    ANALYST_RATINGS,
    CORPORATE_EVENTS,
    LEGAL_AND_MACRO,
  ],
  modifiers: MODIFIERS,
};
