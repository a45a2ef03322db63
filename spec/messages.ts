/**
 * All wording about values in one place: "expected X, received Y".
 * Checks, codecs and the loader phrase their findings with these.
 */

const MAX_SHOWN = 120;

/** A short, unambiguous rendering of any value for a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value.length > MAX_SHOWN ? value.slice(0, MAX_SHOWN) : value);
    const shown = value.length > MAX_SHOWN ? `${quoted.slice(0, -1)}…" (${value.length} chars)` : quoted;
    return value === '' ? '"" (empty)' : shown;
  }
  if (typeof value === 'function') return 'a function';
  if (value instanceof Uint8Array) return `bytes (${value.length})`;
  if (Array.isArray(value)) return `an array (${value.length})`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** `expected X, received Y`. */
export function expectedReceived(expected: string, received: unknown): string {
  return `expected ${expected}, received ${describeValue(received)}`;
}

/** What each attribute type expects, for messages. */
export const EXPECTED_BY_TYPE = {
  jid: 'a JID (user[.agent][:device]@server)',
  string: 'a non-empty string of XML characters',
} as const;

/** What a reason attribute expects, for messages. */
export function expectedReason(values: readonly string[]): string {
  return `one of ${values.join(', ')}, or no reason at all`;
}
