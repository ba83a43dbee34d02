import type { LexiconModifiers } from './lexicon-entry.types.js';

/** VADER's booster increment (B_INCR) and decrement (B_DECR). */
const INCREASE = 0.293;
const DECREASE = -0.293;

/**
 * Intensifiers, dampeners, negators and contrast words. Beyond VADER's lists: the adjectives of finance
 * reporting (`sharp`, `steep`, `heavy`, `modest`, `slight`), hedges (`possible`, `potential`) as dampeners,
 * and negators of outcome (`fails`, `avoids`, `averts`, `eases`, `despite`, `denies`): `avoids bankruptcy`
 * and `eases concerns` read as positive, `fails to beat estimates` as negative.
 */
export const MODIFIERS: LexiconModifiers = {
  boosters: [
    [
      'very extremely sharply significantly substantially dramatically massively hugely strongly steeply ' +
        'deeply heavily considerably greatly highly particularly especially remarkably exceptionally ' +
        'tremendously enormously incredibly severely totally completely entirely absolutely much more most ' +
        'so further sharp steep heavy massive huge big deep deeper significant substantial dramatic major ' +
        'severe',
      INCREASE,
    ],
    [
      'slightly slight somewhat marginally marginal barely hardly modestly modest mildly mild partly ' +
        'partially fractionally scarcely possible possibly potential potentially',
      DECREASE,
    ],
  ],
  negators: [
    'not',
    'no',
    'never',
    'none',
    'nor',
    'neither',
    'without',
    'cannot',
    'cant',
    'dont',
    'doesnt',
    'didnt',
    'isnt',
    'wasnt',
    'arent',
    'werent',
    'wont',
    'wouldnt',
    'couldnt',
    'shouldnt',
    'hasnt',
    'havent',
    'hadnt',
    'nothing',
    'nobody',
    'lack',
    'lacks',
    'lacking',
    'despite',
    'fail',
    'fails',
    'failed',
    'failing',
    'unable',
    'avoid',
    'avoids',
    'avoided',
    'avert',
    'averts',
    'averted',
    'ease',
    'eases',
    'eased',
    'easing',
    'deny',
    'denies',
    'denied',
    'rarely',
    'seldom',
  ],
  contrasts: ['but', 'however'],
  abbreviations: [
    'inc',
    'corp',
    'co',
    'ltd',
    'llc',
    'plc',
    'bhd',
    'mr',
    'mrs',
    'ms',
    'dr',
    'st',
    'jr',
    'sr',
    'vs',
    'no',
    'jan',
    'feb',
    'mar',
    'apr',
    'jun',
    'jul',
    'aug',
    'sep',
    'sept',
    'oct',
    'nov',
    'dec',
    'est',
    'approx',
    'dept',
    'govt',
    'intl',
  ],
};
