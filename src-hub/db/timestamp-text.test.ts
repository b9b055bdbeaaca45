import { describe, expect, it } from 'vitest';
import { isStorableTimestamp } from './timestamp-text';

describe('timestamps a cursor may carry', () => {
  it('takes what PostgreSQL writes and ISO times', () => {
    for (const text of ['2026-11-23 09:00:00.123456+00', '2026-11-23 09:00:00+00', '2024-02-29T23:59:59Z', '1900-01-01 00:00:00-05:30', '9999-12-31 23:59:59+00']) {
      expect(isStorableTimestamp(text), text).toBe(true);
    }
  });

  it('refuses impossible and out-of-range dates that Date.parse would roll over', () => {
    for (const text of ['0000-01-01 00:00:00+00', '1899-12-31 23:59:59+00', '2026-02-30 00:00:00+00', '2025-02-29 10:00:00+00', '2026-04-31T10:00:00Z', '2026-13-01 00:00:00+00', '2026-00-10 00:00:00+00', '2026-01-01 24:00:00+00', '2026-01-01 10:60:00+00', '2026-01-01 10:00:00', 'yesterday']) {
      expect(isStorableTimestamp(text), text).toBe(false);
    }
  });
});
