import { ATTRIBUTES, describeValue } from '../../spec/index.js';

/** A thrown value as it crosses a boundary: an Error's name and message, or the value (described when it cannot be cloned). */
export type SentError = { isError: true; name: string; message: string } | { isError: false; value: unknown };

/** Whether a thrown value is an Error, also one from another realm. */
const isError = (e: unknown): e is Error => e instanceof Error || Object.prototype.toString.call(e) === '[object Error]';

export function sendError(e: unknown): SentError {
  if (isError(e)) return { isError: true, name: String(e.name), message: String(e.message) };
  try {
    return { isError: false, value: structuredClone(e) };
  } catch {
    return { isError: false, value: describeValue(e) };
  }
}

export function receiveError(e: SentError): unknown {
  if (!e.isError) return e.value;
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}

/**
 * A codec's return value made fit to cross a boundary as the checks would
 * read it in-process: a decoded message that is a class instance (getters,
 * private fields) becomes the plain fields it reads as; what cannot be
 * cloned at all becomes a description, which no check accepts.
 */
export function sendValue(value: unknown): unknown {
  let plain = value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value)) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(record)) out[key] = record[key];
      for (const a of ATTRIBUTES) if (!(a.field in out) && record[a.field] !== undefined) out[a.field] = record[a.field];
      plain = out;
    }
  }
  try {
    return structuredClone(plain);
  } catch {
    return { $unclonable: describeValue(value) };
  }
}
