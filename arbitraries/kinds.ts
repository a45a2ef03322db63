import fc from 'fast-check';

/**
 * One named part of an input space: a class of valid values (`call-id:astral`,
 * `jid:device-255`, `realistic`) or one kind of fault (`malformed-jid:from:device-leading-zero`).
 * Every run tries each kind of a check at least once, before any random case,
 * and reports each kind that fails on its own.
 */
export interface CaseKind<T> {
  /** Stable, shell-safe where it can be: `group:attribute:variant`. */
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Its share of the random cases, relative to the other kinds (1 when not given). */
  readonly weight?: number;
}

/** A check's input space, kind by kind. */
export type Kinds<T> = readonly CaseKind<T>[];

/** A generated input and the kind it was drawn from. */
export interface Tagged<T> {
  kind: string;
  value: T;
}

/** A kind. */
export function kind<T>(name: string, arbitrary: fc.Arbitrary<T>, weight?: number): CaseKind<T> {
  return weight === undefined ? { name, arbitrary } : { name, arbitrary, weight };
}

/** One kind per entry of a named table: `prefix:name` drawn by `make(value)`. */
export function kindsOfTable<V, T>(
  prefix: string,
  table: Readonly<Record<string, V>>,
  make: (value: V, name: string) => fc.Arbitrary<T>,
  weight?: number,
): CaseKind<T>[] {
  return Object.entries(table).map(([name, value]) => kind(prefix ? `${prefix}:${name}` : name, make(value, name), weight));
}

/** Every kind of `kinds` with its value mapped, its name kept. */
export function mapKinds<A, B>(kinds: Kinds<A>, f: (a: A) => B): CaseKind<B>[] {
  return kinds.map((k) => ({ ...k, arbitrary: k.arbitrary.map(f) }));
}

/** Every kind renamed `prefix:name`. */
export function prefixKinds<T>(prefix: string, kinds: Kinds<T>): CaseKind<T>[] {
  return kinds.map((k) => ({ ...k, name: `${prefix}:${k.name}` }));
}

function weighted<T>(kinds: Kinds<T>, arb: (k: CaseKind<T>) => fc.Arbitrary<unknown>): fc.Arbitrary<any> {
  if (kinds.length === 0) throw new Error('a check needs at least one kind of input');
  if (kinds.length === 1) return arb(kinds[0]!);
  // fast-check takes integer weights: a quarter is the finest share a kind has.
  return fc.oneof(...kinds.map((k) => ({ weight: Math.round((k.weight ?? 1) * 4), arbitrary: arb(k) })));
}

/** A value of any kind, by weight: the whole space as one arbitrary. */
export function anyOfKinds<T>(kinds: Kinds<T>): fc.Arbitrary<T> {
  return weighted(kinds, (k) => k.arbitrary);
}

/** A value of any kind, by weight, with the kind it was drawn from (shrinking keeps the kind). */
export function taggedKinds<T>(kinds: Kinds<T>): fc.Arbitrary<Tagged<T>> {
  return weighted(kinds, (k) => k.arbitrary.map((value): Tagged<T> => ({ kind: k.name, value })));
}

/**
 * `kinds` with the ones whose names start with one of `prefixes` first (each
 * group in table order): where a check is about one field, failures of its
 * own kinds are named before the same failure seen in other kinds.
 */
export function focusKinds<T>(kinds: Kinds<T>, ...prefixes: string[]): CaseKind<T>[] {
  const rank = (k: CaseKind<T>) => {
    const i = prefixes.findIndex((p) => k.name.startsWith(p));
    return i < 0 ? prefixes.length : i;
  };
  return kinds
    .map((k, i) => ({ k, i }))
    .sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i)
    .map(({ k }) => k);
}

/**
 * For each fault class in `groups`, its kinds: each kind of edit of that
 * class applied by `apply` to a valid value drawn from `bases`. The edit
 * kinds name the fault kinds.
 */
export function editedKinds<G extends string, B, E, T>(
  groups: readonly G[],
  edits: Readonly<Record<G, Kinds<E>>>,
  bases: fc.Arbitrary<B>,
  apply: (g: G, base: B, edit: E, name: string) => T,
): Record<G, Kinds<T>> {
  const of = (g: G): Kinds<T> =>
    edits[g].map((k) => ({ ...k, arbitrary: fc.tuple(bases, k.arbitrary).map(([base, edit]) => apply(g, base, edit, k.name)) }));
  return Object.fromEntries(groups.map((g) => [g, of(g)])) as Record<G, Kinds<T>>;
}
