import fc from 'fast-check';
import { perReasonList, type ReasonList } from '../spec/index.js';
import { kind, type CaseKind } from './kinds.js';
import { COERCED_TEXT_TABLE, PROTOTYPE_PROPERTY_NAMES, TEXT_EDGE_TABLE } from './text.js';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Near misses of a real value, by name: each is made from every value of the list in force. */
const NEAR: Readonly<Record<string, (v: string) => string>> = {
  'upper-case': (v) => v.toUpperCase(),
  capitalized: capitalize,
  'leading-space': (v) => ` ${v}`,
  'trailing-space': (v) => `${v} `,
  truncated: (v) => v.slice(0, -1),
  'trailing-tab': (v) => `${v}\t`,
  'trailing-newline': (v) => `${v}\n`,
};

/** Plausible values the list does not hold, by name. */
const PLAUSIBLE: Readonly<Record<string, string>> = {
  empty: '',
  blocked: 'blocked',
  'do-not-disturb': 'do_not_disturb',
  rejected: 'rejected',
  'two-values': 'declined,busy',
  'null-text': 'null',
  'undefined-text': 'undefined',
  zero: '0',
  // a codec checking `reason in table` or `TABLE[reason]` on a plain object takes these
  'builtin-constructor': 'constructor',
  'builtin-tostring': 'toString',
  'builtin-proto': '__proto__',
  'builtin-hasownproperty': 'hasOwnProperty',
  // every other prototype name, and every text edge of the valid side (astral, white space only, XML specials, long…)
  ...Object.fromEntries(
    PROTOTYPE_PROPERTY_NAMES.filter((n) => !['constructor', 'toString', '__proto__', 'hasOwnProperty'].includes(n)).map((n) => [
      `builtin-${n.replace(/_/g, '').toLowerCase()}`,
      n,
    ]),
  ),
  ...Object.fromEntries(
    Object.entries(TEXT_EDGE_TABLE)
      .filter(([name]) => !name.startsWith('builtin-'))
      .map(([name, v]) => [`text-${name}`, v]),
  ),
  // what a type-coercing parser makes of a value (a reason read as 0, true or null)
  ...Object.fromEntries(
    Object.entries(COERCED_TEXT_TABLE)
      .filter(([name]) => !['null', 'undefined'].includes(name))
      .map(([name, v]) => [`coerced-${name}`, v]),
  ),
};

/**
 * The kinds of reason outside the list in force: near misses of real values
 * (case variants, padded, truncated), plausible reasons the page does not list,
 * and random words. A kind that the list in force makes valid (`--extra-reason
 * blocked`) is left out.
 */
export const badReasonKinds = perReasonList((reasons: ReasonList): CaseKind<string>[] => {
  const outside = (v: string) => !reasons.values.includes(v);
  const near = Object.entries(NEAR).flatMap(([name, f]) => {
    const values = [...new Set(reasons.values.map(f))].filter(outside);
    return values.length > 0 ? [kind(name, fc.constantFrom(...values))] : [];
  });
  const plausible = Object.entries(PLAUSIBLE)
    .filter(([, v]) => outside(v))
    .map(([name, v]) => kind(name, fc.constant(v)));
  // Object.prototype's names are kinds of their own (builtin-*): random-word never draws one, so what a
  // `reason in table` check lets through fails those kinds, not this one (at some seeds it drew "constructor")
  const word = fc.stringMatching(/^[a-z_]{1,14}$/).filter((w) => outside(w) && !(w in Object.prototype));
  return [...near, ...plausible, kind('random-word', word)];
});

/** A reason outside the list in force, of any kind. */
export const badReasonArb = perReasonList((reasons: ReasonList): fc.Arbitrary<string> =>
  fc.oneof(...badReasonKinds(reasons).map((k) => k.arbitrary)),
);
