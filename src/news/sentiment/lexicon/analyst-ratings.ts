import type { LexiconSection } from './lexicon-entry.types.js';

const RATING = 'rating|ratings|recommendation';

/**
 * Broker and rating-agency actions. A rating change is news (`upgrade` ±2.3); a rating restated is not
 * (`reiterates equal-weight rating`, `maintains neutral rating`: neutral idioms). Price-target changes are
 * covered by the guidance phrases (`raises * target`, `price target cut`). `buy` and `sell` alone mean
 * little (`to buy a startup`, `to sell a unit`): only as ratings.
 */
export const ANALYST_RATINGS: LexiconSection = {
  name: 'analyst ratings',
  words: [
    ['upgrade upgrades upgraded upgrading', 2.3],
    ['downgrade downgrades downgraded downgrading', -2.3],
    ['outperform outperforms outperformed outperforming', 1.8],
    ['underperform underperforms underperformed underperforming', -1.8],
    ['overweight', 1.5],
    ['underweight', -1.5],
    ['junk', -1.8],
  ],
  phrases: [
    [`buy ${RATING}`, 1.3],
    ['strong buy', 2.0],
    ['top pick|picks', 1.8],
    [`sell ${RATING}`, -1.5],
    ['strong sell', -2.0],
    [`rated|rates|rate|initiated|initiates|initiate|starts|started|begins|began * at|with buy`, 1.5],
    [`rated|rates|rate|initiated|initiates|initiate|starts|started|begins|began * at|with sell`, -1.5],
    [`hold|neutral ${RATING}`, 0],
    [`equal weight|market|sector|peer ${RATING}`, 0],
    ['equal weight', 0],
    ['market|sector|peer perform', 0],
    ['raise|raises|raised|lift|lifts|lifted|upgrade|upgrades * credit rating|ratings', 2.0],
    ['cut|cuts|lower|lowers|lowered|slash|slashes|slashed * credit rating|ratings', -2.0],
    ['downgrade|downgrades|downgraded|cut|cuts * to junk', -2.6],
    ['negative watch', -1.8],
    ['positive watch', 1.6],
  ],
};
