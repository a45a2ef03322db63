import { describeFaults } from '../helpers/faults.js';

describeFaults('decode faults', (c) => c.fixture.startsWith('decode-'));
