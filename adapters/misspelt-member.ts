import { OPERATIONS } from './contract.js';

/** The members of an adapter (docs/contract.md "The module"), in the order a suggestion prefers them. */
export const ADAPTER_MEMBERS = ['name', 'version', 'wire', 'reject', 'setup', 'teardown'] as const;

/** A key that is most likely a misspelt member: where it is, and the member meant. */
export interface MisspeltMember {
  /** Where the key is: `''` at the top, `'reject.'` in the codec. */
  at: '' | 'reject.';
  /** The key as written: `encdoe`. */
  key: string;
  /** The member of the contract it is closest to: `encode`. */
  meant: string;
}

/**
 * The Damerau-Levenshtein distance of `a` and `b` (optimal string alignment):
 * how many insertions, deletions, substitutions and swaps of two neighbours
 * turn one into the other.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** `setUp`, `set_up` and `SETUP` are one name. */
const folded = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

/** The string keys of `value` and of its prototypes (a class instance's methods count), short of Object's and Function's own. */
function keysOf(value: object): string[] {
  const out = new Set<string>();
  for (let o: object | null = value; o !== null && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) if (key !== 'constructor') out.add(key);
  }
  return [...out];
}

/**
 * The member of `known` that `value` leaves out and that one of its other
 * keys most likely misspells: equal but for case, `_` and `-`, or at most two
 * edits away. A member counts as left out when its key is not there at all
 * (`encode: undefined` says "none" on purpose). Other extra keys are fine.
 */
function misspeltIn(value: unknown, known: readonly string[], at: MisspeltMember['at']): MisspeltMember | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const absent = known.filter((k) => !(k in value));
  if (absent.length === 0) return undefined;
  for (const key of keysOf(value)) {
    if (known.includes(key)) continue;
    let meant: string | undefined;
    let closest = 3;
    for (const k of absent) {
      const distance = folded(key) === folded(k) ? 0 : editDistance(key, k);
      if (distance < closest) [meant, closest] = [k, distance];
    }
    if (meant) return { at, key, meant };
  }
  return undefined;
}

/**
 * The first key of an adapter (at the top, or in `reject`) that looks like a
 * misspelt member the adapter leaves out, such as `reject.encdoe` for
 * `reject.encode`: left alone, its checks would be skipped and the gate could
 * pass. Undefined when there is none, or when the keys cannot be read (the
 * shape check then says what is wrong).
 */
export function misspeltMember(adapter: unknown): MisspeltMember | undefined {
  try {
    return (
      misspeltIn(adapter, ADAPTER_MEMBERS, '') ??
      misspeltIn(
        adapter !== null && typeof adapter === 'object' ? (adapter as { reject?: unknown }).reject : undefined,
        OPERATIONS,
        'reject.',
      )
    );
  } catch {
    return undefined;
  }
}
