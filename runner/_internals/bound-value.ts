import { types } from 'node:util';

/** The limits {@link boundValue} and {@link boundText} apply (README: Reports). */
export interface Bounds {
  /** Characters (UTF-16 code units) of one string inside a value. */
  chars: number;
  /** Characters of all the strings of one value together. */
  valueChars: number;
  /** Entries kept of one array, object, Map or Set. */
  entries: number;
  /** Levels of nesting. */
  depth: number;
  /** Parts (every object and primitive inside) of one value. */
  parts: number;
  /** Bytes kept of one typed array or ArrayBuffer. */
  bytes: number;
}

// Captured when this module loads, before any adapter: a codec that patches
// the globals later cannot reach what the walk relies on.
const { apply, ownKeys, getOwnPropertyDescriptor, defineProperty } = Reflect;
const { isArray } = Array;
const { isView } = ArrayBuffer;
const { isNativeError } = types;
const getter = (proto: object, key: PropertyKey) => getOwnPropertyDescriptor(proto, key)!.get!;
const TYPED = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedTag = getter(TYPED, Symbol.toStringTag);
const viewParts = (v: object) =>
  typeof apply(typedTag, v, []) === 'string'
    ? [getter(TYPED, 'buffer'), getter(TYPED, 'byteOffset'), getter(TYPED, 'byteLength')]
    : [getter(DataView.prototype, 'buffer'), getter(DataView.prototype, 'byteOffset'), getter(DataView.prototype, 'byteLength')];
const bufferLength = getter(ArrayBuffer.prototype, 'byteLength');
const mapSize = getter(Map.prototype, 'size');
const setSize = getter(Set.prototype, 'size');
const mapEntries = Map.prototype.entries;
const setValues = Set.prototype.values;
const iteratorNext = Object.getPrototypeOf(new Map().entries()).next as () => IteratorResult<unknown>;
const setIteratorNext = Object.getPrototypeOf(new Set().values()).next as () => IteratorResult<unknown>;
const getTime = Date.prototype.getTime;
const symbolDescription = getter(Symbol.prototype, 'description');
const sliceBuffer = ArrayBuffer.prototype.slice;

/** `n` with thousands separators, the same in every locale. */
export const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const MARK = '…[truncated';
const isMarker = (s: string) => s.length <= 80 && s.startsWith(MARK);

const CUT = /…\[truncated: ([\d,]{1,20}) more chars\]$/;

/**
 * `text` cut to at most `max` characters, the marker included:
 * `FFF…[truncated: 24,999,000 more chars]`. Never splits a surrogate pair;
 * a text already within `max` is returned as it is, and cutting a text that
 * was cut before counts what both cuts left out.
 */
export function boundText(text: string, max: number): string {
  if (text.length <= max || isMarker(text)) return text;
  const before = CUT.exec(text);
  const length = before ? before.index + Number(before[1]!.replaceAll(',', '')) : text.length;
  let keep = max - `${MARK}: ${count(length)} more chars]`.length;
  if (keep <= 0) return `${MARK}: ${count(length)} chars]`;
  const c = text.charCodeAt(keep - 1);
  if (c >= 0xd800 && c <= 0xdbff) keep--;
  return `${text.slice(0, keep)}${MARK}: ${count(length - keep)} more chars]`;
}

/** What was thrown, as a short text, whatever was thrown (a Proxy, a Symbol, an object whose toString throws). */
export function thrownText(e: unknown): string {
  try {
    if (isNativeError(e)) {
      const m = getOwnPropertyDescriptor(e, 'message');
      return boundText(typeof m?.value === 'string' ? m.value : 'an error', 200);
    }
    return typeof e === 'string' ? boundText(e, 200) : `a thrown ${typeof e}`;
  } catch {
    return 'something unreadable';
  }
}

/** One walk over one value: its budgets, and the objects on the path to where it is (for cycles). */
class Walk {
  private chars: number;
  private parts: number;
  private readonly path = new Set<object>();

  constructor(private readonly b: Bounds) {
    this.chars = b.valueChars;
    this.parts = b.parts;
  }

  text(s: string): string {
    if (isMarker(s)) return s;
    const out = boundText(s, Math.min(this.b.chars, this.chars));
    this.chars -= isMarker(out) ? 0 : out.length;
    return out;
  }

  value(v: unknown, depth: number): unknown {
    if (--this.parts < 0) return `${MARK}: the value has more than ${count(this.b.parts)} parts]`;
    switch (typeof v) {
      case 'string':
        return this.text(v);
      case 'bigint': {
        const digits = v.toString();
        return digits.length <= 1000 ? v : `[BigInt of ${count(digits.length)} digits: ${boundText(digits, 200)}]`;
      }
      case 'symbol':
        return Symbol(this.text(String(apply(symbolDescription, v, []) ?? '')));
      case 'function':
        return `[function ${this.text(this.field(v, 'name', 'anonymous'))}]`;
      case 'object':
        return v === null ? null : this.object(v, depth);
      default:
        return v;
    }
  }

  /** A property read as the checks read it (getters run); what a getter threw becomes a marker. */
  private read(o: object, key: string | number): unknown {
    try {
      return (o as Record<string | number, unknown>)[key];
    } catch (e) {
      return `[getter threw: ${thrownText(e)}]`;
    }
  }

  private field(o: object, key: string, otherwise: string): string {
    const v = this.read(o, key);
    return typeof v === 'string' ? v : otherwise;
  }

  private object(o: object, depth: number): unknown {
    if (this.path.has(o)) return '[circular]';
    if (depth >= this.b.depth) return `${MARK}: nested more than ${this.b.depth} levels deep]`;
    this.path.add(o);
    try {
      return this.copy(o, depth + 1);
    } catch (e) {
      return `[unreadable: ${thrownText(e)}]`;
    } finally {
      this.path.delete(o);
    }
  }

  private copy(o: object, depth: number): unknown {
    if (isView(o)) return this.bytes(o);
    if (brand(bufferLength, o))
      return this.capped(apply(sliceBuffer, o, [0, this.b.bytes]) as ArrayBuffer, apply(bufferLength, o, []) as number);
    if (isNativeError(o)) {
      const e = new Error(this.text(this.field(o, 'message', '')));
      defineProperty(e, 'name', { value: this.text(this.field(o, 'name', 'Error')), configurable: true, writable: true });
      defineProperty(e, 'stack', { value: this.text(this.field(o, 'stack', '')), configurable: true, writable: true });
      return e;
    }
    if (brand(getTime, o)) return new Date(apply(getTime, o, []) as number);
    if (brand(mapSize, o))
      return new Map(
        this.entries(apply(mapEntries, o, []) as Iterator<unknown>, iteratorNext, apply(mapSize, o, []) as number, depth, true) as [
          unknown,
          unknown,
        ][],
      );
    if (brand(setSize, o))
      return new Set(
        this.entries(apply(setValues, o, []) as Iterator<unknown>, setIteratorNext, apply(setSize, o, []) as number, depth, false),
      );
    if (isArray(o)) {
      const length = this.read(o, 'length');
      const n = typeof length === 'number' && length > 0 ? Math.floor(length) : 0;
      const out: unknown[] = [];
      for (let i = 0; i < Math.min(n, this.b.entries); i++) out.push(this.value(this.read(o, i), depth));
      if (n > this.b.entries) out.push(`${MARK}: ${count(n - this.b.entries)} more entries]`);
      return out;
    }
    const out: Record<string, unknown> = {};
    let kept = 0;
    let more = 0;
    for (const key of ownKeys(o)) {
      if (typeof key !== 'string') continue;
      if (kept >= this.b.entries) {
        more++;
        continue;
      }
      let enumerable = false;
      try {
        enumerable = getOwnPropertyDescriptor(o, key)?.enumerable === true;
      } catch {
        enumerable = true;
      }
      if (!enumerable) continue;
      kept++;
      defineProperty(out, boundText(key, 1000), {
        value: this.value(this.read(o, key), depth),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    if (more > 0) out['…'] = `${MARK}: ${count(more)} more keys]`;
    return out;
  }

  /** Up to `entries` of a Map's entries or a Set's values, read with the built-in iterators. */
  private entries(it: Iterator<unknown>, next: () => IteratorResult<unknown>, size: number, depth: number, pairs: boolean): unknown[] {
    const out: unknown[] = [];
    for (let r = apply(next, it, []); !r.done && out.length < this.b.entries; r = apply(next, it, [])) {
      const [k, v] = pairs ? (r.value as [unknown, unknown]) : [r.value];
      out.push(pairs ? [this.value(k, depth), this.value(v, depth)] : this.value(k, depth));
    }
    const more = `${count(size - this.b.entries)} more entries]`;
    if (size > this.b.entries) out.push(pairs ? [MARK, more] : `${MARK}: ${more}`);
    return out;
  }

  private bytes(view: object): unknown {
    const [buffer, offset, length] = viewParts(view).map((g) => apply(g, view, [])) as [ArrayBuffer, number, number];
    const copy = apply(sliceBuffer, buffer, [offset, offset + Math.min(length, this.b.bytes)]) as ArrayBuffer;
    return this.capped(new Uint8Array(copy), length);
  }

  private capped<T>(kept: T, length: number): T | [T, string] {
    return length > this.b.bytes ? [kept, `${MARK}: ${count(length - this.b.bytes)} more bytes]`] : kept;
  }
}

/** Whether the built-in getter or method `fn` accepts `o` (a brand check that runs no code of the codec's). */
function brand(fn: (...a: never[]) => unknown, o: object): boolean {
  try {
    apply(fn, o, []);
    return true;
  } catch {
    return false;
  }
}

/**
 * `value` as bounded plain data: strings cut, arrays, objects, Maps and Sets
 * cut after `b.entries` entries, nesting cut at `b.depth`, cycles marked,
 * each with a visible `…[truncated: …]` or `[circular]` marker. Objects
 * become plain objects of their own enumerable string keys (getters run;
 * what one throws is shown), typed arrays become a Uint8Array copy of their
 * bytes. Never throws and never recurses deeper than `b.depth`.
 */
export function boundValue(value: unknown, b: Bounds): unknown {
  try {
    return new Walk(b).value(value, 0);
  } catch (e) {
    return `[unreadable: ${thrownText(e)}]`;
  }
}
