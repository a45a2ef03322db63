import { inspect } from 'node:util';
import { BOUNDS, boundValue } from '../runner/bound.js';
import { visible } from './_internals/visible.js';

/** What a person is shown of a value: strings cut at 240 characters, at most 20,000 in all. */
const SHOWN = { ...BOUNDS, chars: 240, valueChars: 20_000 };

/**
 * A value as a person should read it: strings quoted with escapes visible
 * (every character that does not show as itself written as `\uXXXX`, see
 * visible.ts), long ones cut with a marker that counts what was left out of
 * the codec's whole value.
 */
export function formatValue(value: unknown, indent = ''): string {
  const text = inspect(boundValue(value, SHOWN), {
    depth: 6,
    breakLength: 100,
    maxStringLength: Infinity,
    maxArrayLength: Infinity,
    sorted: false,
    customInspect: false,
  });
  return visible(text, { newlines: true }).split('\n').join(`\n${indent}`);
}
