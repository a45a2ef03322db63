import { inspect } from 'node:util';

/** A value as a person should read it: strings quoted with escapes visible, long ones cut. */
export function formatValue(value: unknown, indent = ''): string {
  const text = inspect(value, { depth: 6, breakLength: 100, maxStringLength: 240, maxArrayLength: 20, sorted: false });
  return text.split('\n').join(`\n${indent}`);
}
