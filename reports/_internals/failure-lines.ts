import type { CheckResult, FailureDetail } from '../../runner/index.js';
import { formatValue } from '../format-value.js';
import { count, kindText, moreFailingText, shownFailures } from './kinds.js';
import { visible } from './visible.js';

/** `kind: NAME` for a failure that names its kind of input. */
export const kindLines = (f: FailureDetail): string[] => (f.kind !== undefined ? [`kind: ${visible(kindText(f)!)}`] : []);

/** What a failing case showed, as plain `label: value` lines: the finding, expected and received when known, the counterexample. */
export function findingLines(f: FailureDetail): string[] {
  return [
    `what happened: ${visible(f.message)}`,
    ...('expected' in f ? [`expected: ${formatValue(f.expected)}`] : []),
    ...('received' in f ? [`received: ${formatValue(f.received)}`] : []),
    `counterexample: ${formatValue(f.counterexample)}`,
  ];
}

/** Each failing kind of `c` after the first, as plain lines (kind, message, reproduce), then how many more kinds failed. */
export function furtherFailureLines(c: CheckResult): string[] {
  const shown = shownFailures(c);
  const total = Math.max(c.coverage?.failed ?? 0, shown.length);
  const more = moreFailingText(c);
  return [
    ...shown
      .slice(1)
      .flatMap((g, i) => [
        '',
        `failing kind ${i + 2} of ${count(total)}:`,
        ...kindLines(g),
        `what happened: ${visible(g.message)}`,
        `reproduce: ${visible(g.reproduce)}`,
      ]),
    ...(more ? ['', more] : []),
  ];
}
