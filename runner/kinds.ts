import fc from 'fast-check';
import { kind, type CaseKind, type Kinds } from '../arbitraries/kinds.js';
import type { Check, CheckContext } from '../suites/index.js';

/**
 * A check's input space as named kinds: its own `kinds`, else its
 * `arbitrary` as one kind `any`; each fixed example is a kind of its own
 * (`example:1`, ...). Names are unique: a check that repeats one is a bug in
 * the suite.
 */
export function kindsOf(check: Check, ctx: CheckContext): Kinds<unknown> {
  const own: CaseKind<unknown>[] = [
    ...(check.kinds?.(ctx) ?? (check.arbitrary ? [kind('any', check.arbitrary(ctx))] : [])),
    ...(check.examples?.(ctx) ?? []).map((e, i) => kind(`example:${i + 1}`, fc.constant(e), 0)),
  ];
  // A check replaying corpus files has none when the corpus holds none of its files: it is skipped.
  if (own.length === 0 && check.corpus === undefined) throw new Error(`check ${check.id} has no inputs: give it kinds or an arbitrary`);
  const seen = new Set<string>();
  for (const k of own) {
    if (seen.has(k.name)) throw new Error(`check ${check.id} names the kind ${k.name} twice`);
    seen.add(k.name);
  }
  return own;
}

/** The kinds the random cases are drawn from: the ones with a share (a fixed example is tried once, not drawn). */
export function drawnKinds<T>(kinds: Kinds<T>): Kinds<T> {
  const drawn = kinds.filter((k) => (k.weight ?? 1) > 0);
  return drawn.length > 0 ? drawn : kinds;
}
