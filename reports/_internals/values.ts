import fc from 'fast-check';

/**
 * `value` as JSON data: what a codec returned may hold undefined, BigInt,
 * bytes, functions or cycles, none of which JSON carries. Those become
 * tagged objects (`{ "$undefined": true }`, `{ "$bytes": "00ff" }`, ...), so
 * nothing is silently dropped.
 */
export function jsonSafe(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value === undefined) return { $undefined: true };
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $number: String(value) };
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (typeof value === 'symbol' || typeof value === 'function') return { $unserializable: String(value) };
  if (seen.has(value)) return { $cycle: true };
  seen.add(value);
  try {
    if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('hex') };
    if (value instanceof Error) return { $error: value.name, message: value.message };
    if (Array.isArray(value)) return value.map((v) => jsonSafe(v, seen));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = jsonSafe((value as Record<string, unknown>)[key], seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

/** `value` as one exact line of text (fast-check's spelling: strings quoted and escaped). */
export function exactText(value: unknown): string {
  return fc.stringify(value);
}
