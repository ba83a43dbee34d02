import type { LexiconSection } from './lexicon-entry.types.js';

const DIVIDEND = 'dividend|dividends|payout|payouts|distribution';
const JOBS = 'jobs|job|workers|staff|employees|positions|roles|workforce|headcount';
const DEALS = 'contract|contracts|order|orders|deal|deals|award|awards';

/**
 * What companies do and what happens to them: capital returns, deals, products and trials, operations,
 * management, distress. A routine dividend declaration or an acquisition is not sentiment (no valence for
 * `dividend`, `acquire`, `merger`); raising or cutting the dividend is. Distress words are the strongest
 * negatives of the lexicon (`bankruptcy` -3.3).
 */
export const CORPORATE_EVENTS: LexiconSection = {
  name: 'corporate events',
  words: [
    // Capital return and deals
    ['buyback buybacks', 1.6],
    ['repurchase repurchases', 1.3],
    ['partnership partnerships', 0.8],
    ['award awarded', 1.3],
    ['approval approvals', 1.9],
    ['approve approves approved', 1.7],
    ['clear clears cleared', 1.2],
    ['reject rejects rejected rejection', -1.8],
    ['turnaround', 1.0],
    // Operations
    ['layoff layoffs', -2.0],
    ['furlough furloughs furloughed', -1.6],
    ['restructuring', -0.8],
    ['downsizing', -1.5],
    ['strike strikes', -1.2],
    ['walkout walkouts', -1.5],
    ['recall recalls recalled recalling', -1.8],
    ['outage outages', -1.8],
    ['breach breaches', -1.9],
    ['hack hacked hackers', -2.0],
    ['cyberattack cyberattacks ransomware', -2.3],
    ['glitch glitches', -1.4],
    ['defect defects defective faulty', -1.8],
    ['contamination contaminated', -2.0],
    ['explosion explosions', -2.2],
    ['derailment derailments', -2.2],
    ['accident accidents', -1.9],
    ['grounded grounding', -1.9],
    ['delay delays delayed delaying', -1.3],
    ['postpone postpones postponed', -1.2],
    ['halt halts halted halting', -1.5],
    ['suspend suspends suspended suspension', -1.5],
    ['shutdown shutdowns', -1.6],
    ['shortage shortages', -1.5],
    ['disruption disruptions disrupted', -1.5],
    ['bottleneck bottlenecks', -1.2],
    ['dilution dilutive', -1.6],
    // Management
    ['resign resigns resigned resignation', -1.1],
    ['oust ousts ousted ouster', -1.8],
    ['fired', -1.6],
    ['departure departs', -0.8],
    ['shakeup', -0.6],
    // Distress
    ['bankruptcy bankrupt', -3.3],
    ['insolvency insolvent', -3.0],
    ['receivership', -3.0],
    ['liquidation', -2.8],
    ['liquidate liquidates liquidated', -2.6],
    ['default defaults defaulted', -2.5],
    ['delist delisted delisting', -2.5],
    ['bailout', -1.5],
  ],
  phrases: [
    [
      `raise|raises|raised|raising|boost|boosts|boosted|hike|hikes|hiked|increase|increases|increased * ${DIVIDEND}`,
      2.0,
    ],
    [`${DIVIDEND} hike|increase|boost|raise|growth`, 2.0],
    [`special|first * ${DIVIDEND}`, 1.7],
    [
      `initiate|initiates|initiated|reinstate|reinstates|reinstated|resume|resumes|resumed * ${DIVIDEND}`,
      1.8,
    ],
    [
      `cut|cuts|cutting|slash|slashes|slashed|suspend|suspends|suspended|halt|halts|halted|eliminate|eliminates|eliminated|omit|omits|omitted|scrap|scraps|scrapped * ${DIVIDEND}`,
      -2.5,
    ],
    [`${DIVIDEND} cut|cuts|suspension|halt|reduction`, -2.5],
    ['share repurchase|repurchases|buyback|buybacks', 1.6],
    [
      `win|wins|won|winning|secure|secures|secured|land|lands|landed|clinch|clinches|clinched * ${DEALS}`,
      2.0,
    ],
    [`lose|loses|lost|losing * ${DEALS}|customer|customers|client|clients`, -2.0],
    ['strike|strikes|struck * deal|deals|agreement|pact', 1.5],
    ['lay|lays|laid|laying off', -2.0],
    [`job|jobs cuts|cut|losses|reductions`, -1.8],
    [
      `cut|cuts|cutting|slash|slashes|slashing|eliminate|eliminates|eliminating|shed|sheds|shedding * ${JOBS}`,
      -1.8,
    ],
    ['data breach|breaches', -2.4],
    ['steps|step|stepped|stepping down', -0.8],
    ['chapter 11|7', -3.0],
    ['going concern', -2.5],
    ['meet|meets|met|achieve|achieves|achieved|hit|hits * endpoint|endpoints', 2.2],
    ['miss|misses|missed|fail|fails|failed * endpoint|endpoints', -2.4],
    ['complete response letter', -2.0],
    ['clinical hold', -2.2],
    ['fast track', 1.2],
  ],
};
