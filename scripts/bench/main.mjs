#!/usr/bin/env node
// npm run bench: what isolation costs, measured in one run and printed as ratios.
// Per call: the same encode of the page's example, through each host, many times.
// Per suite: the whole suite on the reference codec, in-process and isolated.
import { ExecHost } from '../dist/runner/hosts/exec-host.js';
import { InProcessHost } from '../dist/runner/hosts/in-process.js';
import { WorkerHost } from '../dist/runner/hosts/worker-host.js';
import { loadAdapter, PAGE_EXAMPLE, run } from '../dist/index.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const root = new URL('..', import.meta.url).pathname;
const msg = { ...PAGE_EXAMPLE.message };

async function perCall(label, host) {
  await host.start();
  for (let i = 0; i < 200; i++) await host.call('encode', msg); // warm up
  const t = performance.now();
  for (let i = 0; i < CALLS; i++) await host.call('encode', msg);
  const us = ((performance.now() - t) * 1000) / CALLS;
  await host.stop();
  return { label, us };
}

const ref = await loadAdapter('reference');
const node = await loadAdapter('exec:node test/fixtures/exec/server.mjs', { cwd: root });
const py = await loadAdapter('exec:python3 examples/python/codec.py', { cwd: root });
const rows = [
  await perCall('in-process (--no-isolation)', new InProcessHost(ref.adapter, 'reference', 2000)),
  await perCall('worker thread (default)', new WorkerHost({ specifier: 'reference', cwd: root, extend: [] }, 2000, () => true)),
  await perCall('subprocess, Node testee (exec:)', new ExecHost(node.exec, node.specifier, 2000, () => true)),
  await perCall('subprocess, Python testee (exec:)', new ExecHost(py.exec, py.specifier, 2000, () => true)),
];
const base = rows[0].us;
console.log(`per call (${CALLS} encodes of the page example each, one run):`);
for (const r of rows) {
  const overhead = r.label.includes('Python') ? '(another codec: its own speed plus the pipe)' : `+${(r.us - base).toFixed(1)} µs over in-process`;
  console.log(`  ${r.label.padEnd(36)} ${r.us.toFixed(1).padStart(8)} µs/call   ×${(r.us / base).toFixed(2)}   ${r === rows[0] ? '' : overhead}`);
}

const suite = async (isolation) => {
  const t = performance.now();
  const r = await run({ adapter: ref, isolation });
  if (r.summary.failed > 0) throw new Error('the reference failed a check');
  return performance.now() - t;
};
const inProcess = await suite(false);
const isolated = await suite(true);
console.log('whole suite on the reference codec (default runs):');
console.log(`  in-process ${inProcess.toFixed(0)} ms, isolated ${isolated.toFixed(0)} ms   ×${(isolated / inProcess).toFixed(2)}`);
