#!/usr/bin/env node
// npm run bench: what the gate costs, measured in one run on this machine and
// printed as ratios against a baseline measured in the same run. Exits 1 when
// a target of README "Speed" is missed. Runs on dist/ (npm run bench builds it).
//
//   BENCH_SCALE=1,10   scale factors to run (default 1,10,100; 100x takes about a minute)
//   BENCH_ROUNDS=5     rounds of the harness-overhead comparison (medians are printed)
//   BENCH_QUICK=1      every figure once, on small numbers and the encode and sequence checks: checks that the bench runs, measures little
//   BENCH_SUITE=0      leaves out the test suite's own duration (section 7, a few minutes)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ExecHost } from '../../dist/runner/hosts/exec-host.js';
import { InProcessHost } from '../../dist/runner/hosts/in-process.js';
import { WorkerHost } from '../../dist/runner/hosts/worker-host.js';
import { loadAdapter, PAGE_EXAMPLE, reasonList, REJECT_SUITE, run } from '../../dist/index.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../../dist/runner/defaults.js';
import { locateAdapter } from '../../dist/adapters/loader.js';
import { anyOfKinds } from '../../dist/arbitraries/kinds.js';
import { drawnKinds, kindsOf } from '../../dist/runner/kinds.js';
import { loadCorpus, SHIPPED_CORPUS } from '../../dist/runner/corpus.js';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'dist/cli/main.js');
const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 5));
const SCALE = (process.env.BENCH_SCALE ?? (QUICK ? '1,2' : '1,10,100')).split(',').map(Number);
const REPEAT = QUICK ? 1 : 3;
const TARGETS = {
  suiteMs: 3000,
  overhead: 1.5,
  isolation: 1.2,
  pipelinedPerSecond: 10_000,
  heapGrowth: 1.5,
  hangMs: 15_000,
  testSuiteMs: 120_000,
};
const missed = [];

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x) => `${x.toFixed(0)} ms`;
const int = (x) => Math.round(x).toLocaleString('en-US');
function target(ok, text) {
  if (!ok) missed.push(text);
  return ok ? `target ${text}: met` : `target ${text}: MISSED`;
}
/** Wall time of one child process (ms), failing the bench when it does not exit with `code`. */
function timed(args, env = {}, code = 0) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = performance.now() - t;
  if (r.status !== code) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return { wall, stdout: r.stdout };
}

const ref = await loadAdapter('reference');
const reasons = reasonList();
console.log(
  `stanza-conformance benchmark: Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), one run${QUICK ? ' (BENCH_QUICK: small numbers, not a measurement)' : ''}\n`,
);

// --- 1. Harness overhead: run() in-process against a bare fast-check loop ----
// The bare loop drives the same codec through the same checks' arbitraries,
// examples and comparisons (each check's verify), with the same seed and
// number of cases, but calls the codec directly: no host, no input copies,
// no timeout, no incident watch, no result records.
const codec = ref.adapter.reject;
let calls = 0; // codec calls of one pass of the suite (section 2 reports per-call costs)
const bareCodec = {
  async call(op, ...args) {
    calls++;
    try {
      return { kind: 'returned', value: await codec[op](...args) };
    } catch (error) {
      return { kind: 'threw', error };
    }
  },
  async callWatching(op, ...args) {
    const own = structuredClone(args); // the hygiene checks compare against this copy
    return { outcome: await this.call(op, ...own), argsAfter: own };
  },
};
const wire = ref.adapter.wire ?? 'xml';
// BENCH_QUICK runs every figure on the encode and sequence checks alone: it shows the bench runs, it measures nothing.
const SUITE = QUICK ? REJECT_SUITE.filter((c) => /^reject\.(encode|sequence)\./.test(c.id)) : REJECT_SUITE;
const CHECKS = QUICK ? ['--check', 'reject.encode.*,reject.sequence.*'] : [];
const applicable = SUITE.filter((c) => c.wires.includes(wire) && c.needs.every((op) => typeof codec[op] === 'function'));
async function bareLoop() {
  // the corpus checks replay the shipped corpus, as run() does
  const ctx = { wire, reasons, codec: bareCodec, corpus: loadCorpus([SHIPPED_CORPUS], reasons) };
  calls = 0;
  let cases = 0;
  for (const check of applicable) {
    const kinds = kindsOf(check, ctx);
    const property = (arb) =>
      fc.asyncProperty(arb, async (input) => {
        const finding = await check.verify(input, ctx);
        if (finding) throw new Error(`${check.id}: ${finding.message}`);
      });
    // As the runner does: each kind's first case, then the random cases drawn from all kinds.
    const passes = [...kinds.map((k) => [k.arbitrary, 1]), ...(check.fixed ? [] : [[anyOfKinds(drawnKinds(kinds)), DEFAULT_RUNS]])];
    for (const [arb, numRuns] of passes) {
      const r = await fc.check(property(arb), { seed: DEFAULT_SEED, numRuns });
      if (r.failed) throw new Error(`the bare loop failed ${check.id}: ${r.errorInstance?.message}`);
      cases += r.numRuns;
    }
  }
  return cases;
}
async function harness(isolation) {
  const r = await run({ adapter: ref, isolation, suite: SUITE });
  if (r.summary.failed > 0) throw new Error('the reference codec failed a check');
  return r.checks.reduce((n, c) => n + c.runs, 0);
}
async function clock(f) {
  const t = performance.now();
  const out = await f();
  return { ms: performance.now() - t, out };
}
await bareLoop(); // warm-up: both sides run with compiled code
await harness(false);
const bare = [];
const full = [];
let cases = { bare: 0, harness: 0 };
for (let i = 0; i < ROUNDS; i++) {
  const b = await clock(bareLoop);
  const h = await clock(() => harness(false));
  bare.push(b.ms);
  full.push(h.ms);
  cases = { bare: b.out, harness: h.out };
}
if (cases.bare !== cases.harness) throw new Error(`the two sides ran different numbers of cases: ${cases.bare} and ${cases.harness}`);
const overhead = median(full) / median(bare);
console.log(
  `1. harness overhead: the whole suite on the reference codec, in-process, ${applicable.length} checks, ${int(cases.bare)} cases (median of ${ROUNDS})`,
);
console.log(`   bare fast-check loop, same cases and comparisons   ${ms(median(bare)).padStart(8)}`);
console.log(
  `   run() --no-isolation                               ${ms(median(full)).padStart(8)}   ×${overhead.toFixed(2)}   ${target(overhead <= TARGETS.overhead, `≤ ×${TARGETS.overhead}`)}`,
);

// What trying every kind first costs: the same run with each check's kinds
// folded into one (the random cases drawn from the same space, no kind tried
// on its own), in-process, same seed and runs.
const folded = SUITE.map((c) => ({
  ...c,
  kinds: undefined,
  examples: undefined,
  arbitrary: (ctx) => anyOfKinds(drawnKinds(kindsOf(c, ctx))),
}));
const foldedMs = [];
const kindsMs = [];
let kindCases = 0;
let randomCases = 0;
for (let i = 0; i < ROUNDS; i++) {
  const f = await clock(() => run({ adapter: ref, isolation: false, suite: folded }));
  const k = await clock(() => run({ adapter: ref, isolation: false, suite: SUITE }));
  foldedMs.push(f.ms);
  kindsMs.push(k.ms);
  randomCases = f.out.checks.reduce((n, c) => n + c.runs, 0);
  kindCases = k.out.checks.reduce((n, c) => n + (c.coverage?.kinds ?? 0), 0);
}
const enumRatio = median(kindsMs) / median(foldedMs);
console.log(`   every kind tried first (${int(kindCases)} kinds, one case each, before the random cases):`);
console.log(`     random cases only, kinds folded into one   ${ms(median(foldedMs)).padStart(8)}   ${int(randomCases)} cases`);
console.log(
  `     every kind first, then the random cases    ${ms(median(kindsMs)).padStart(8)}   ×${enumRatio.toFixed(2)}   +${ms(median(kindsMs) - median(foldedMs))} for ${int(kindCases)} kind cases`,
);

// --- 2. Isolation: the same suite in a worker thread --------------------------
// Each side in a fresh process (both start cold, as a gate does), timed by the
// run itself (the JSON report's durationMs: worker start-up included, Node's
// own start-up not).
const reportDir = mkdtempSync(join(tmpdir(), 'conformance-bench-'));
// The sequence checks' share of each isolated run, from the same reports: their cases run one at a
// time (calls in a row), where every other check's cases cross to the worker side by side.
const sequenceMs = [];
const otherMs = [];
function runMs(...flags) {
  const file = join(reportDir, 'report.json');
  timed([cli, '--adapter', 'reference', '--reporter', `json:${file}`, ...CHECKS, ...flags]);
  const report = JSON.parse(readFileSync(file, 'utf8')).adapters[0];
  if (!flags.includes('--no-isolation')) {
    const sum = (pick) => report.checks.filter(pick).reduce((n, c) => n + c.durationMs, 0);
    sequenceMs.push(sum((c) => c.id.startsWith('reject.sequence.')));
    otherMs.push(sum((c) => !c.id.startsWith('reject.sequence.')));
  }
  return report.durationMs;
}
const inProc = [];
const iso = [];
for (let i = 0; i < REPEAT; i++) {
  inProc.push(runMs('--no-isolation'));
  iso.push(runMs());
}
rmSync(reportDir, { recursive: true, force: true });
const isoExtra = median(iso) - median(inProc);
console.log(`\n2. isolation: the same suite, ${int(calls)} codec calls, each side in a fresh process (median of ${REPEAT})`);
console.log(`   in-process (--no-isolation)   ${ms(median(inProc)).padStart(8)}`);
const isoRatio = median(iso) / median(inProc);
console.log(
  `   worker thread (the default)   ${ms(median(iso)).padStart(8)}   ×${isoRatio.toFixed(2)}   ${isoExtra >= 0 ? '+' : ''}${((isoExtra * 1000) / calls).toFixed(0)} µs per call, worker start-up included   ${target(isoRatio <= TARGETS.isolation, `≤ ×${TARGETS.isolation}`)}`,
);

const seqShare = median(sequenceMs) / median(otherMs);
console.log(
  `   of which the sequence checks  ${ms(median(sequenceMs)).padStart(8)}   ×${seqShare.toFixed(2)} of the other checks' ${ms(median(otherMs))} (reject.sequence.*: cases one at a time, every call in a row)`,
);

const CALLS = QUICK ? 300 : 3000;
const msg = { ...PAGE_EXAMPLE.message };
async function perCall(host, sideBySide = 1) {
  await host.start();
  for (let i = 0; i < 200; i++) await host.call('encode', msg); // warm up
  const t = performance.now();
  for (let i = 0; i < CALLS; i += sideBySide) await Promise.all(Array.from({ length: sideBySide }, () => host.call('encode', msg)));
  const us = ((performance.now() - t) * 1000) / CALLS;
  await host.stop();
  return us;
}
const raw = await (async () => {
  for (let i = 0; i < 200; i++) codec.encode(msg);
  const t = performance.now();
  for (let i = 0; i < CALLS; i++) codec.encode(msg);
  return ((performance.now() - t) * 1000) / CALLS;
})();
const limits = { timeoutMs: 2000, startTimeoutMs: 30_000, memoryMb: 2048 };
const inProcessUs = await perCall(new InProcessHost({ adapter: ref.adapter }, 'reference', 2000));
const workerUs = await perCall(new WorkerHost(locateAdapter('reference', { cwd: root }), [], limits));
const batchedUs = await perCall(new WorkerHost(locateAdapter('reference', { cwd: root }), [], limits), 100);
console.log(`   per call, ${CALLS} encodes of the page example, one at a time:`);
console.log(`     the codec alone                 ${raw.toFixed(1).padStart(7)} µs`);
console.log(
  `     in-process host                 ${inProcessUs.toFixed(1).padStart(7)} µs   +${(inProcessUs - raw).toFixed(1)} µs (input copy, timeout)`,
);
console.log(
  `     worker thread host              ${workerUs.toFixed(1).padStart(7)} µs   +${(workerUs - inProcessUs).toFixed(1)} µs over in-process`,
);
console.log(
  `     worker, 100 side by side        ${batchedUs.toFixed(1).padStart(7)} µs   +${(batchedUs - inProcessUs).toFixed(1)} µs over in-process (one message per batch, as a check's first pass sends them)`,
);

// --- 3. Subprocess: exec: with a trivial echo testee --------------------------
const echo = await loadAdapter('exec:node scripts/bench/echo-testee.mjs', { cwd: root });
const SUB_CALLS = QUICK ? 2000 : 20_000;
const DEPTH = 256;
async function throughput(depth) {
  const host = new ExecHost(echo.exec, echo.specifier, 5000, () => true);
  await host.start();
  for (let i = 0; i < 500; i++) await host.call('encode', msg); // warm up
  let next = 0;
  const t = performance.now();
  const lane = async () => {
    while (next < SUB_CALLS) {
      next++;
      const o = await host.call('encode', msg);
      if (o.kind !== 'returned') throw new Error(`the echo testee answered ${o.kind}`);
    }
  };
  await Promise.all(Array.from({ length: depth }, lane));
  const perSecond = SUB_CALLS / ((performance.now() - t) / 1000);
  await host.stop();
  return perSecond;
}
const serial = await throughput(1);
const piped = await throughput(DEPTH);
console.log(`\n3. subprocess (exec:), a trivial echo testee, ${int(SUB_CALLS)} calls`);
console.log(`   one at a time                 ${int(serial).padStart(8)} calls/s`);
console.log(
  `   pipelined (${DEPTH} in flight)      ${int(piped).padStart(8)} calls/s   ×${(piped / serial).toFixed(1)}   ${target(piped >= TARGETS.pipelinedPerSecond, `≥ ${int(TARGETS.pipelinedPerSecond)}/s`)}`,
);

// --- 4. Scale: 1x, 10x, 100x the default runs, each its own process ------------
const dir = mkdtempSync(join(tmpdir(), 'conformance-bench-'));
console.log(`\n4. scale: conformance --adapter reference --no-isolation --runs N, each in its own process`);
console.log('   runs/check   wall       per 1,000 cases   peak RSS    peak live heap');
const scale = [];
for (const factor of SCALE) {
  const runs = (QUICK ? 10 : DEFAULT_RUNS) * factor;
  const args = [cli, '--adapter', 'reference', '--no-isolation', '--runs', String(runs), ...CHECKS];
  const { wall } = timed(args);
  // Memory in a second process: sampling the live heap forces collections, which would slow the timed one.
  const file = join(dir, `memory-${factor}.json`);
  timed(['--import', './scripts/bench/peak-memory.mjs', ...args], { BENCH_MEMORY_FILE: file });
  const mem = JSON.parse(readFileSync(file, 'utf8'));
  const totalCases = applicable.reduce((n, c) => n + (c.fixed ? 1 : runs), 0);
  scale.push({ factor, wall, ...mem, totalCases });
  console.log(
    `   ${`${int(runs)} (${factor}x)`.padEnd(12)} ${ms(wall).padStart(9)}   ${ms((wall / totalCases) * 1000).padStart(9)}         ${`${(mem.maxRssKB / 1024).toFixed(0)} MB`.padStart(7)}     ${`${(mem.liveHeapKB / 1024).toFixed(1)} MB`.padStart(7)}`,
  );
}
if (scale.length > 1) {
  const steps = scale.slice(1).map((b, i) => {
    const a = scale[i];
    return `${a.factor}x→${b.factor}x ${(((b.wall - a.wall) / (b.totalCases - a.totalCases)) * 1000).toFixed(0)} µs`;
  });
  console.log(`   time: each added case costs ${steps.join(', ')} (linear when these agree; the rest is start-up and edge cases)`);
  const [first, last] = [scale[0], scale.at(-1)];
  const growth = last.liveHeapKB / first.liveHeapKB;
  console.log(
    `   memory: peak live heap ×${growth.toFixed(2)} from ${first.factor}x to ${last.factor}x (what the run keeps)   ${target(growth <= TARGETS.heapGrowth, `live heap flat (≤ ×${TARGETS.heapGrowth})`)}`,
  );
  console.log(
    `           peak RSS ×${(last.maxRssKB / first.maxRssKB).toFixed(2)} (V8 grows its heap with the allocation rate, garbage included)`,
  );
}
rmSync(dir, { recursive: true, force: true });

// --- 5. Start-up and the default run --------------------------------------------
const wall = (args, n) => median(Array.from({ length: n }, () => timed(args).wall));
const nodeAlone = wall(['-e', '0'], REPEAT + 2);
const help = wall([cli, '--help'], REPEAT + 2);
const list = wall([cli, '--list'], REPEAT + 2);
const defaultRun = wall([cli, '--adapter', 'reference', ...CHECKS], REPEAT);
const defaultInProc = wall([cli, '--adapter', 'reference', '--no-isolation', ...CHECKS], REPEAT);
console.log(`\n5. start-up and the default run (wall time of the command, median)`);
console.log(`   node -e 0                               ${ms(nodeAlone).padStart(8)}`);
console.log(`   conformance --help                      ${ms(help).padStart(8)}   ×${(help / nodeAlone).toFixed(1)} node alone`);
console.log(`   conformance --list                      ${ms(list).padStart(8)}   ×${(list / nodeAlone).toFixed(1)} node alone`);
console.log(
  `   conformance --adapter reference         ${ms(defaultRun).padStart(8)}   ${target(defaultRun < TARGETS.suiteMs, `< ${TARGETS.suiteMs} ms`)}`,
);
console.log(`     … --no-isolation                      ${ms(defaultInProc).padStart(8)}`);

// --- 6. A codec that hangs on one class of input ---------------------------------
// encode loops forever on any call-id holding "&" (test/fixtures/timing/hangs-on-amp.mjs): every
// check that meets one fails with the input that hung; the run must still end in seconds.
const hangRun = median(
  Array.from({ length: REPEAT }, () => timed([cli, '--adapter', 'test/fixtures/timing/hangs-on-amp.mjs'], {}, 1).wall),
);
console.log(`\n6. a codec that hangs on every call-id holding "&" (21 checks meet it), default settings, wall time (median of ${REPEAT})`);
console.log(`   conformance --adapter reference          ${ms(defaultRun).padStart(8)}`);
console.log(
  `   conformance --adapter hangs-on-amp.mjs   ${ms(hangRun).padStart(8)}   ×${(hangRun / defaultRun).toFixed(1)}   ${target(hangRun <= TARGETS.hangMs, `≤ ${int(TARGETS.hangMs)} ms`)}`,
);

// --- 7. The project's own test suite ------------------------------------------------
// npm test's vitest run, idle machine; measured only in a full bench (it takes minutes).
if (QUICK || process.env.BENCH_SUITE === '0')
  console.log(`\n7. the test suite (npx vitest run): not measured with ${QUICK ? 'BENCH_QUICK' : 'BENCH_SUITE=0'}`);
else {
  const suite = timed([join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--exclude', 'test/bench.test.ts']).wall;
  console.log(`\n7. the test suite (npx vitest run, bench test left out), wall time`);
  console.log(
    `   npx vitest run                          ${ms(suite).padStart(8)}   ${target(suite <= TARGETS.testSuiteMs, `≤ ${int(TARGETS.testSuiteMs)} ms`)}`,
  );
}

if (missed.length > 0) {
  console.log(`\nmissed: ${missed.join(', ')}`);
  process.exitCode = 1;
} else console.log('\nevery target met');
