import { ATTRIBUTES, describeValue } from '../../spec/index.js';

/** How deep a returned value may nest before it cannot be judged (a stanza's node tree is 3 deep). */
export const SNAPSHOT_MAX_DEPTH = 64;
/** How many string characters, bytes and entries a returned value may hold in all (a correct answer to the suite's inputs holds well under 1 MiB). */
export const SNAPSHOT_MAX_SIZE = 16 * 1024 * 1024;

/** A codec's returned value as plain data, or why it cannot be read. */
export type Snapshot = { ok: true; value: unknown; size: number } | { ok: false; reason: string };

class Unreadable extends Error {}

const { getPrototypeOf, keys, hasOwn } = Object;
const isView = ArrayBuffer.isView;
const isArray = Array.isArray;

function text(e: unknown): string {
  try {
    return e instanceof Error ? `${e.name}: ${e.message}` : describeValue(e);
  } catch {
    return 'a value that cannot be described';
  }
}

/**
 * `value` read once, as the checks would read it in this process, into plain
 * data that can cross a boundary: a class instance (getters, private fields)
 * becomes the fields it reads as, typed arrays are copied, and what no check
 * accepts (a function, a symbol) becomes a description. A value that cannot
 * be read (a getter or a Proxy trap that throws), holds a cycle, nests deeper
 * than {@link SNAPSHOT_MAX_DEPTH} or is larger than {@link SNAPSHOT_MAX_SIZE}
 * is unreadable: a returned value that cannot be judged, never a refusal.
 * Never throws.
 */
export function snapshot(value: unknown): Snapshot {
  let size = 0;
  const seen = new Set<object>();
  const grow = (n: number) => {
    size += n;
    if (size > SNAPSHOT_MAX_SIZE) throw new Unreadable(`it is larger than ${SNAPSHOT_MAX_SIZE} characters, bytes and entries in all`);
  };
  const get = (o: Record<string | number, unknown>, k: string | number, where: string): unknown => {
    try {
      return o[k];
    } catch (e) {
      throw new Unreadable(`reading ${where} threw ${text(e)}`);
    }
  };
  const read = (v: unknown, depth: number, where: string): unknown => {
    if (typeof v === 'string') return (grow(v.length), v);
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'function' || typeof v === 'symbol') return { $unclonable: describeValue(v) };
      return v;
    }
    if (depth >= SNAPSHOT_MAX_DEPTH) throw new Unreadable(`it nests deeper than ${SNAPSHOT_MAX_DEPTH} levels (at ${where})`);
    if (seen.has(v)) throw new Unreadable(`it holds a cycle (at ${where})`);
    seen.add(v);
    try {
      if (isView(v)) {
        grow(v.byteLength);
        return v instanceof Uint8Array ? new Uint8Array(v) : structuredClone(v);
      }
      if (isArray(v)) {
        const n = v.length;
        grow(n);
        const out: unknown[] = [];
        for (let i = 0; i < n; i++)
          out.push(read(get(v as unknown[] as Record<number, unknown>, i, `${where}[${i}]`), depth + 1, `${where}[${i}]`));
        return out;
      }
      const proto = getPrototypeOf(v);
      const record = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      const own = keys(record);
      grow(own.length);
      for (const k of own) out[k] = read(get(record, k, `${where}.${k}`), depth + 1, `${where}.${k}`);
      // A class instance reads as the fields a check reads: getters on the prototype count.
      if (proto !== Object.prototype && proto !== null) {
        for (const a of ATTRIBUTES) {
          if (hasOwn(out, a.field)) continue;
          const f = get(record, a.field, `${where}.${a.field}`);
          if (f !== undefined) out[a.field] = read(f, depth + 1, `${where}.${a.field}`);
        }
        for (const k of ['tag', 'attrs', 'content']) {
          if (hasOwn(out, k)) continue;
          const f = get(record, k, `${where}.${k}`);
          if (f !== undefined) out[k] = read(f, depth + 1, `${where}.${k}`);
        }
      }
      return out;
    } catch (e) {
      if (e instanceof Unreadable) throw e;
      throw new Unreadable(`reading ${where} threw ${text(e)}`);
    } finally {
      seen.delete(v);
    }
  };
  try {
    const read0 = read(value, 0, 'the value');
    return { ok: true, value: read0, size };
  } catch (e) {
    return { ok: false, reason: e instanceof Unreadable ? e.message : `reading it threw ${text(e)}` };
  }
}

/** A call's arguments as the codec left them, read like a returned value; what cannot be read is said in their place. */
export function snapshotArgs(args: unknown[]): unknown[] {
  const after = snapshot(args);
  return after.ok ? (after.value as unknown[]) : [{ $unclonable: after.reason }];
}
