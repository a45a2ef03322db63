import type { CheckResult } from '../../runner/index.js';

/** How each status reads in a report: a symbol and a word. */
export function statusLabel(c: Pick<CheckResult, 'status' | 'gating' | 'level'>): { symbol: string; word: string; css: string } {
  switch (c.status) {
    case 'passed':
      return { symbol: '✅', word: 'passed', css: 'pass' };
    case 'skipped':
      return { symbol: '➖', word: 'skipped', css: 'skip' };
    case 'expected-failure':
      return { symbol: '🟡', word: 'expected failure', css: 'xfail' };
    case 'stale-expected-failure':
      return { symbol: '🟠', word: 'stale expected failure (gating)', css: 'stale' };
    case 'failed':
      return c.gating
        ? { symbol: '❌', word: 'failed (gating)', css: 'fail' }
        : { symbol: '⚠️', word: `failed (${c.level}, not gating)`, css: 'warn' };
  }
}
