import { describeFaults } from '../helpers/faults.js';

describeFaults('encode faults', (c) => c.fixture.startsWith('encode-') || c.fixture.startsWith('codec-'));
