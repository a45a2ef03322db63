import fc from 'fast-check';
import { perReasonList, type ReasonList } from '../spec/index.js';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Reasons outside the list in force: case variants of real values, `""`,
 * padded and truncated values, plausible reasons the page does not list, and
 * random words.
 */
export const badReasonArb = perReasonList((reasons: ReasonList): fc.Arbitrary<string> => {
  const near = reasons.values.flatMap((v) => [v.toUpperCase(), capitalize(v), ` ${v}`, `${v} `, v.slice(0, -1), `${v}\t`]);
  const plausible = ['', 'blocked', 'do_not_disturb', 'rejected', 'declined,busy', 'null', 'undefined', '0'];
  return fc
    .oneof(fc.constantFrom(...near, ...plausible), fc.stringMatching(/^[a-z_]{1,14}$/))
    .filter((v) => !reasons.values.includes(v));
});
