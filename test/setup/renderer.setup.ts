import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library unmounts after each test only with vitest globals; we keep globals off and do it here.
afterEach(() => cleanup());

// findBy… and waitFor wait on the replica's live queries, which answer after (fake) IndexedDB does: on a busy
// two-core CI machine that can take over the library's default second. The condition waited for is unchanged.
configure({ asyncUtilTimeout: 4000 });
