/**
 * The fault table under the default isolation: the codec in a worker, each
 * check's cases first side by side in batches, then one at a time when one
 * fails. Every fourth XML fixture of the table (a spread over encode, decode
 * and reply) and every eighth node fixture must fail exactly the checks they
 * fail in-process. Most node fixtures are the XML fixture's own fault built on
 * the node wire: what isolation could change for them is how node values
 * cross to the worker and back, which a smaller spread over encode, decode,
 * reply and the faults written against the node shape shows. The one-kind
 * fixtures are left out: they are about which kinds a run tries, which
 * isolation does not change, and each costs a worker.
 */
import { FAULT_TABLE, KIND_FAULTS, type FaultCase } from '../fixtures/fault-table.js';
import { describeFaults } from '../helpers/faults.js';

const rows = FAULT_TABLE.filter((c) => !KIND_FAULTS.includes(c));
const every = (n: number, list: FaultCase[]) => list.filter((_, i) => i % n === 0);
const picked = new Set([
  ...every(
    4,
    rows.filter((c) => !c.fixture.startsWith('node-')),
  ),
  ...every(
    8,
    rows.filter((c) => c.fixture.startsWith('node-')),
  ),
]);

describeFaults('faults, isolated (every fourth XML and every eighth node fixture of the table)', (c) => picked.has(c), true);
