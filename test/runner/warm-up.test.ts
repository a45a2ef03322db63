import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateAdapter } from '../../adapters/loader.js';
import { run } from '../../runner/index.js';
import { ROOT } from '../helpers/cli.js';

describe('a fresh worker warmed up after a restart', () => {
  it('still tells a hang in a call from a worker stopping between calls (reply answered once before the hangs)', async () => {
    // corpus.reply answers (the worker then keeps a warm-up input); reply.id-unique's cases hang on
    // "busy". A warm-up numbered after the calls queued behind it once read every hang as "stopped
    // answering between calls", and the worker was restarted without end.
    const r = await run({
      adapter: locateAdapter(join(ROOT, 'test', 'fixtures', 'misbehaving', 'reply-hangs.mjs')),
      timeoutMs: 250,
      checks: ['reject.corpus.reply', 'reject.reply.id-unique'],
      runs: 10,
    });
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['reject.corpus.reply', 'passed'],
      ['reject.reply.id-unique', 'failed'],
    ]);
    expect(r.checks[1]!.failure!.code).toBe('timeout');
    expect(r.restarts.filter((x) => /stopped answering between calls/.test(x.reason))).toEqual([]);
    expect(r.restarts.every((x) => x.reason.startsWith('did not return within'))).toBe(true);
    // generous: every hang costs a fresh worker, slow to start on a busy machine; the bug it pins never ended at all
  }, 300_000);
});
