import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library unmounts after each test only with vitest globals; we keep globals off and do it here.
afterEach(() => cleanup());
