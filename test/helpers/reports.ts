import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { consoleReporter } from '../../reports/index.js';
import { TOOL, type SessionResult } from '../../runner/index.js';

/** What the console reporter prints for `s`, hook by hook as a run calls them, in a pipe or (`tty`) on a colour terminal. */
export function consoleText(s: SessionResult, tty = false): string {
  let text = '';
  const stream = { isTTY: tty, write: (x: string) => ((text += x), true) } as unknown as NodeJS.WritableStream;
  const reporter = consoleReporter({ stream, env: tty ? { FORCE_COLOR: '1' } : {} });
  for (const r of s.results) {
    reporter.onRunStart?.({
      tool: TOOL,
      adapter: r.adapter,
      seed: r.seed,
      seedWasRandom: false,
      runs: r.runs,
      checks: r.checks.length,
      extendedReasons: [],
    });
    for (const [i, c] of r.checks.entries()) reporter.onCheckEnd?.(c, i, r.checks.length);
    reporter.onRunEnd?.(r);
  }
  reporter.onSessionEnd?.(s);
  return text;
}

/**
 * What a written report says, read from the file as its reader would: the
 * checks it lists and those it shows as failed, for a report of one adapter.
 * The four formats must agree with each other (and with the run).
 */
export function reportVerdict(path: string): { checks: string[]; failed: string[] } {
  const text = readFileSync(path, 'utf8');
  const unique = (ids: string[]) => [...new Set(ids)].sort();
  switch (extname(path)) {
    case '.json': {
      const checks = (JSON.parse(text) as { adapters: { checks: { id: string; status: string }[] }[] }).adapters.flatMap((a) => a.checks);
      return { checks: unique(checks.map((c) => c.id)), failed: unique(checks.filter((c) => c.status === 'failed').map((c) => c.id)) };
    }
    case '.xml': {
      const cases = [...text.matchAll(/<testcase [^>]*name="([^"]+)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)];
      return {
        checks: unique(cases.map((m) => m[1]!)),
        failed: unique(cases.filter((m) => /<failure\b/.test(m[3] ?? '')).map((m) => m[1]!)),
      };
    }
    case '.md':
      return {
        checks: unique([...text.matchAll(/^\| ` (reject\.[^ `]+) ` \|/gm)].map((m) => m[1]!)),
        failed: unique([...text.matchAll(/^#### ❌ `([^`]+)`/gm)].map((m) => m[1]!)),
      };
    case '.html': {
      // the matrix: one row per check, one cell per adapter, each cell's status in data-status
      const rows = [...text.matchAll(/<tr><td><code>(reject\.[^<]+)<\/code>((?:(?!<\/tr>).)*?data-status="\w+"(?:(?!<\/tr>).)*)<\/tr>/g)];
      const failed = rows.filter((m) => [...m[2]!.matchAll(/data-status="(\w+)"/g)].some((x) => x[1] === 'failed'));
      return { checks: unique(rows.map((m) => m[1]!)), failed: unique(failed.map((m) => m[1]!)) };
    }
    default:
      throw new Error(`no reader for ${path}`);
  }
}
