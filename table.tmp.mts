import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { FAULT_TABLE, TABLE_RUNS } from '/work/main/test/fixtures/fault-table.js';
import { loadAdapter } from '/work/main/adapters/loader.js';
import { run } from '/work/main/runner/index.js';
const out: Record<string, string[]> = {};
for (const c of FAULT_TABLE) {
  const r = await run({ adapter: await loadAdapter(join('/work/main/test/fixtures/faults', `${c.fixture}.ts`)), runs: TABLE_RUNS, isolation: false });
  const failed = r.checks.filter((x) => x.status === 'failed').map((x) => x.id);
  const want = [...c.catches, ...(c.alsoFails ?? [])];
  const extra = failed.filter((f) => !want.includes(f)); const missing = want.filter((w) => !failed.includes(w));
  if (extra.length || missing.length) out[c.fixture] = [...extra.map((e) => `+${e}`), ...missing.map((m) => `-${m}`)];
}
writeFileSync('/tmp/table-diff.json', JSON.stringify(out, null, 1));
console.log('done', Object.keys(out).length);
