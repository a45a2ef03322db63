/**
 * The fault table under the default isolation: the codec in a worker, each
 * check's cases first side by side in batches, then one at a time when one
 * fails. Every fourth fixture of the table (a spread over encode, decode and
 * reply) must fail exactly the checks it fails in-process.
 */
import { describeFaults } from '../helpers/faults.js';

describeFaults('faults, isolated (every fourth fixture of the table)', (_c, i) => i % 4 === 0, true);
