import type { FailureDetail } from '../../runner/index.js';
import { formatValue } from '../format-value.js';
import { visible } from './visible.js';

/** What a failing case showed, as plain `label: value` lines: the finding, expected and received when known, the counterexample. */
export function findingLines(f: FailureDetail): string[] {
  return [
    `what happened: ${visible(f.message)}`,
    ...('expected' in f ? [`expected: ${formatValue(f.expected)}`] : []),
    ...('received' in f ? [`received: ${formatValue(f.received)}`] : []),
    `counterexample: ${formatValue(f.counterexample)}`,
  ];
}
