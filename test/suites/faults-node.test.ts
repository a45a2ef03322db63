import { describeFaults } from '../helpers/faults.js';

describeFaults('node-wire faults', (c) => c.fixture.startsWith('node-'));
