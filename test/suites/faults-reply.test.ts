import { describeFaults } from '../helpers/faults.js';

describeFaults('reply faults', (c) => c.fixture.startsWith('reply-'));
