/**
 * What a codec threw, as a check, the runner and its hosts tell it: one
 * place, light enough for the worker thread (it imports no check).
 */
import { describeValue } from './messages.js';

/** Whether a thrown value is an Error, also one from another realm. */
export function isErrorLike(e: unknown): e is Error {
  return e instanceof Error || Object.prototype.toString.call(e) === '[object Error]';
}

/** The text of whatever was thrown: an Error's name and message, or the value described, said to be no Error. */
export function thrownText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `${describeValue(error)} (not an Error)`;
}
