import { describeValue } from '../../spec/index.js';
import { isErrorLike } from '../../spec/thrown.js';

/** A thrown value as it crosses a boundary: an Error's name and message, or the value (described when it cannot be cloned). */
export type SentError = { isError: true; name: string; message: string } | { isError: false; value: unknown };

export function sendError(e: unknown): SentError {
  if (isErrorLike(e)) return { isError: true, name: String(e.name), message: String(e.message) };
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
