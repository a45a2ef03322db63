/**
 * The fault table under the default isolation: the codec in a worker, each
 * check's cases first side by side in batches, then one at a time when one
 * fails. Every fourth fixture of the table (a spread over encode, decode and
 * reply) must fail exactly the checks it fails in-process. The one-kind
 * fixtures are left out: they are about which kinds a run tries, which
 * isolation does not change, and each costs a worker.
 */
import { KIND_FAULTS } from '../fixtures/fault-table.js';
import { describeFaults } from '../helpers/faults.js';

describeFaults('faults, isolated (every fourth fixture of the table)', (c, i) => i % 4 === 0 && !KIND_FAULTS.includes(c), true);
