import type { LexiconSection } from './lexicon-entry.types.js';

const ESTIMATES =
  'estimates|estimate|expectations|forecasts|forecast|consensus|views|projections|targets|target';
const GUIDANCE = 'guidance|outlook|forecast|forecasts|target|targets|view|projection|projections|estimate';
const RAISE =
  'raise|raises|raised|raising|lift|lifts|lifted|lifting|boost|boosts|boosted|boosting|hike|hikes|hiked|' +
  'increase|increases|increased|increasing|up|ups|upped';
const CUT =
  'cut|cuts|cutting|lower|lowers|lowered|lowering|slash|slashes|slashed|slashing|reduce|reduces|reduced|' +
  'reducing|trim|trims|trimmed|trimming|withdraw|withdraws|withdrew|withdrawn|pull|pulls|pulled|scrap|' +
  'scraps|scrapped|suspend|suspends|suspended';
const BEAT = 'beat|beats|beating|top|tops|topped|topping|exceed|exceeds|exceeded|surpass|surpasses|surpassed';
const MISS = 'miss|misses|missed|missing|trail|trails|trailed|lag|lags|lagged';
const EXPECTED = 'expected|forecast|forecasts|estimated|estimates|anticipated|feared|hoped';

/**
 * Results against expectations and changes to guidance: the core of earnings-season news. `beat` and `miss`
 * score alone; `beats estimates`, `raises full-year guidance`, `cuts outlook`, `price target raised` and
 * `swings to a loss` score as phrases (stronger, and they settle words like `cut`, `lower`, `top` that mean
 * little alone). `profit` (+1.0) and `loss` (-1.5) are mild alone; `narrower loss` turns positive.
 */
export const EARNINGS_AND_GUIDANCE: LexiconSection = {
  name: 'earnings and guidance',
  words: [
    ['beat beats beating', 2.0],
    ['miss misses missed', -1.9],
    ['exceed exceeds exceeded exceeding', 1.9],
    ['surpass surpasses surpassed', 1.9],
    ['outpace outpaces outpaced', 1.6],
    ['shortfall shortfalls', -2.0],
    ['profit profits', 1.0],
    ['loss losses', -1.5],
    ['windfall', 1.8],
    ['writedown writedowns writeoff writeoffs', -2.0],
    ['impairment impairments', -1.8],
    ['warn warns warned warning warnings', -1.8],
    ['cut cuts', -1.0],
  ],
  phrases: [
    [`${BEAT} * ${ESTIMATES}`, 2.5],
    [`crush|crushes|crushed|smash|smashes|smashed|trounce|trounces|trounced * ${ESTIMATES}`, 2.8],
    [`${MISS} * ${ESTIMATES}`, -2.4],
    ['fall|falls|fell|falling|come|comes|came|coming short', -2.2],
    [`above|ahead * ${ESTIMATES}`, 1.8],
    [`below|under * ${ESTIMATES}`, -1.8],
    [`in line with * ${ESTIMATES}`, 0],
    ['inline with', 0],
    [`better|stronger than ${EXPECTED}`, 2.1],
    [`worse|weaker than ${EXPECTED}`, -2.2],
    [`narrower than ${EXPECTED}`, 1.6],
    [`wider than ${EXPECTED}`, -2.0],
    [`${RAISE} * ${GUIDANCE}`, 2.2],
    [`${GUIDANCE} raised|lifted|boosted|hiked|increased|upped`, 2.2],
    [`${GUIDANCE} raise|hike|boost|increase`, 2.0],
    [`${CUT} * ${GUIDANCE}`, -2.4],
    [`${GUIDANCE} cut|cuts|lowered|slashed|reduced|trimmed|withdrawn|reduction|suspension`, -2.4],
    ['guide|guides|guided|guiding|forecast|forecasts|project|projects * higher|above', 1.6],
    ['guide|guides|guided|guiding|forecast|forecasts|project|projects * lower|below', -1.6],
    [
      'reaffirm|reaffirms|reaffirmed|reiterate|reiterates|reiterated|affirm|affirms|affirmed * guidance|outlook|forecast',
      0.6,
    ],
    ['profit|profits|earnings|sales|revenue warning|warnings', -2.8],
    ['surprise|unexpected profit|gain', 2.0],
    ['surprise|unexpected loss|decline|drop', -2.2],
    ['swing|swings|swung|return|returns|returned|turn|turns|turned to|into profit|profitability|black', 2.0],
    ['swing|swings|swung|turn|turns|turned|slip|slips|slipped to|into loss|losses|red', -2.2],
    ['narrow|narrows|narrowed|narrower|narrowing * loss|losses|deficit', 1.5],
    ['loss|losses|deficit narrow|narrows|narrowed|narrowing|shrink|shrinks|shrank', 1.5],
    [
      'wider|widen|widens|widened|widening|deeper|deepen|deepens|deepened|deepening * loss|losses|deficit',
      -2.0,
    ],
    [
      'loss|losses|deficit widen|widens|widened|widening|deepen|deepens|deepened|deepening|mount|mounts|mounted',
      -2.0,
    ],
    [
      'record * revenue|sales|profit|profits|earnings|quarter|results|deliveries|orders|bookings|demand|year',
      2.3,
    ],
    ['record * loss|losses|deficit', -2.5],
    ['record date', 0],
    ['margin|margins expand|expands|expanded|expanding|widen|widens|widened|improve|improves|improved', 1.6],
    ['margin expansion', 1.6],
    [
      'margin|margins shrink|shrinks|shrank|narrow|narrows|narrowed|contract|contracts|contracted|compress|compressed|squeezed',
      -1.6,
    ],
    ['margin compression|pressure|squeeze', -1.6],
    [
      'cut|cuts|cutting|reduce|reduces|reducing|trim|trims|trimming|lower|lowers|lowering * costs|cost|expenses',
      0.8,
    ],
    ['cost|costs cut|cuts|cutting|savings|reduction|reductions', 0.8],
    [
      'cost|costs|expenses * surge|surges|soar|soars|jump|jumps|rise|rises|climb|climbs|spike|spikes|balloon|balloons',
      -1.6,
    ],
    ['higher|rising|soaring|surging cost|costs|expenses', -1.4],
    [
      'cost|costs|expenses ease|eases|eased|fall|falls|fell|decline|declines|declined|drop|drops|dropped',
      1.2,
    ],
    ['cash burn', -1.5],
    ['burn|burns|burned|burning * cash', -1.5],
  ],
};
