// Preloaded (node --import) into a process the benchmark measures: on exit,
// writes to the file named by BENCH_MEMORY_FILE the process's peak resident
// memory and its peak live heap: the heap in use right after a full
// collection, forced every 250 ms (about 1% of the wall time), so garbage
// not yet collected does not count, only what the process keeps.
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  let liveHeap = 0;
  const sample = () => {
    gc();
    liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
  };
  setInterval(sample, 250).unref();
  process.on('exit', () => {
    sample();
    writeFileSync(file, JSON.stringify({ maxRssKB: process.resourceUsage().maxRSS, liveHeapKB: Math.round(liveHeap / 1024) }));
  });
}
