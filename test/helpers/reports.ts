import { consoleReporter } from '../../reports/index.js';
import { TOOL, type SessionResult } from '../../runner/index.js';

/** What the console reporter prints for `s`, hook by hook as a run calls them, in a pipe or (`tty`) on a colour terminal. */
export function consoleText(s: SessionResult, tty = false): string {
  let text = '';
  const stream = { isTTY: tty, write: (x: string) => ((text += x), true) } as unknown as NodeJS.WritableStream;
  const reporter = consoleReporter({ stream, env: tty ? { FORCE_COLOR: '1' } : {} });
  for (const r of s.results) {
    reporter.onRunStart?.({ tool: TOOL, adapter: r.adapter, seed: r.seed, seedWasRandom: false, runs: r.runs, checks: r.checks.length, extendedReasons: [] });
    for (const [i, c] of r.checks.entries()) reporter.onCheckEnd?.(c, i, r.checks.length);
    reporter.onRunEnd?.(r);
  }
  reporter.onSessionEnd?.(s);
  return text;
}
