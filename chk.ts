import { run } from './runner/index.js';
import { loadAdapter } from './adapters/loader.js';
const r = await run({ adapter: await loadAdapter('reference'), checks: ['reject.hygiene.*'] });
for (const c of r.checks) if (c.failure) console.log(c.failure, Object.getPrototypeOf((c.failure as any).received));
