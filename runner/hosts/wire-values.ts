import { describeValue } from '../../spec/index.js';

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
