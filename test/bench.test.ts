/**
 * npm run bench prints every figure issue 6 asks for. Run here on small
 * numbers (BENCH_QUICK=1): this asserts what the bench prints and that it
 * ends cleanly, never how fast anything is (targets are the bench's own
 * business, measured in one run on a quiet machine).
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, runProcess } from './helpers/cli.js';

const bench = () =>
  runProcess(process.execPath, [join(ROOT, 'scripts/bench/main.mjs')], { cwd: ROOT, env: { ...process.env, BENCH_QUICK: '1' } });

it('npm run bench prints every figure, each ratio against a baseline measured in the same run', async () => {
  const r = await bench();
  // 0 with every target met, or 1 naming the missed targets; anything else (a crash) is a failure.
  if (r.code === 0) expect(r.stdout).toContain('every target met');
  else {
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/\nmissed: .+/);
  }
  const figures = [
    /bare fast-check loop, same cases and comparisons +\d+ ms/,
    /run\(\) --no-isolation +\d+ ms +×\d+\.\d\d +target ≤ ×1\.5: (met|MISSED)/,
    /worker thread \(the default\) +\d+ ms +×\d+\.\d\d +[+-]\d+ µs per call, worker start-up included +target ≤ ×1\.2: (met|MISSED)/,
    /of which the sequence checks +\d+ ms +×\d+\.\d\d of the other checks' \d+ ms \(reject\.sequence\.\*/,
    /worker, 100 side by side +\d+\.\d µs +\+-?\d+\.\d µs over in-process/,
    /worker thread host +\d+\.\d µs +\+-?\d+\.\d µs over in-process/,
    /one at a time +[\d,]+ calls\/s/,
    /pipelined \(\d+ in flight\) +[\d,]+ calls\/s +×\d+\.\d +target ≥ 10,000\/s: (met|MISSED)/,
    /10 \(1x\) +\d+ ms +\d+ ms +\d+ MB +\d+\.\d MB/,
    /20 \(2x\) +\d+ ms +\d+ ms +\d+ MB +\d+\.\d MB/,
    /time: each added case costs 1x→2x -?\d+ µs/,
    /memory: peak live heap ×\d+\.\d\d from 1x to 2x/,
    /conformance --help +\d+ ms +×\d+\.\d node alone/,
    /conformance --list +\d+ ms +×\d+\.\d node alone/,
    /conformance --adapter reference +\d+ ms +target < 3000 ms: (met|MISSED)/,
    /conformance --adapter hangs-on-amp\.mjs +\d+ ms +×\d+\.\d +target ≤ 15,000 ms: (met|MISSED)/,
    /7\. the test suite \(npx vitest run\): not measured with BENCH_QUICK/,
  ];
  for (const figure of figures) expect(r.stdout).toMatch(figure);
}, 300_000);
