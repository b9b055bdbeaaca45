import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestHub, type TestHub } from '../testing/hub-test-env';
import { propertyRuns } from '../testing/property-runs';
import { isoTime } from './pg-time';

describe('isoTime', () => {
  it('prints PostgreSQL text of a UTC time as Date.toISOString does, microseconds cut', () => {
    expect(isoTime('2026-01-31 09:00:00+00')).toBe('2026-01-31T09:00:00.000Z');
    expect(isoTime('2026-01-31 09:00:00.1+00')).toBe('2026-01-31T09:00:00.100Z');
    expect(isoTime('2026-01-31 09:00:00.029+00')).toBe('2026-01-31T09:00:00.029Z');
    expect(isoTime('2026-01-31 09:00:00.999999+00')).toBe('2026-01-31T09:00:00.999Z');
  });

  it('reads other zones, ISO text and Dates the way a Date does, and refuses text that is no time', () => {
    expect(isoTime('2026-01-31 17:00:00.5+08')).toBe('2026-01-31T09:00:00.500Z');
    expect(isoTime('2026-01-31 14:30:00+05:30')).toBe('2026-01-31T09:00:00.000Z');
    expect(isoTime('2026-01-31T09:00:00Z')).toBe('2026-01-31T09:00:00.000Z');
    expect(isoTime(new Date('2026-01-31T09:00:00.123Z'))).toBe('2026-01-31T09:00:00.123Z');
    expect(() => isoTime('yesterday')).toThrow(RangeError);
  });
});

// The sync pages read times as text; every other read gets Dates: both must print the instant written, the same way.
describe.each(BACKENDS)('times as text equal times as Dates (%s)', (backend) => {
  let env: TestHub;
  beforeAll(async () => {
    env = await startTestHub(backend);
  });
  afterAll(() => env.close());

  const instant = fc.record({
    at: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
    micros: fc.integer({ min: 0, max: 999 }),
  });

  it.each(['UTC', 'Asia/Manila', 'Asia/Kolkata', 'America/St_Johns'])('in a session in %s', async (zone) => {
    await fc.assert(
      fc.asyncProperty(fc.array(instant, { minLength: 1, maxLength: 50 }), async (instants) => {
        // PostgreSQL literals with microseconds: '1987-06-05T04:03:02.001234Z'
        const literals = instants.map(({ at, micros }) => `${at.toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}Z`);
        const [asDates, asText] = await env.db.transaction(async (tx) => {
          await tx.query(`set local time zone '${zone}'`);
          const select = 'select t, t::timestamp as local from unnest($1::timestamptz[]) with ordinality as u(t, n) order by n';
          return [await tx.query<{ t: Date }>(select, [literals]), await tx.query<{ t: string; local: string }>(select, [literals], { timesAsText: true })];
        });
        expect(asText.every((row) => typeof row.t === 'string' && typeof row.local === 'string')).toBe(true);
        const instantsCut = instants.map(({ at }) => at.toISOString());
        expect(asText.map((row) => isoTime(row.t))).toEqual(instantsCut);
        // PGlite's own Date parser gives an invalid Date for an offset with seconds (a zone's local mean time before
        // 1906 in Kolkata, 1935 in St John's); node-postgres' reads them, and every Date is the same instant.
        const dates = backend === 'pglite' ? asDates.filter((row) => !Number.isNaN(row.t.getTime())) : asDates;
        expect(dates.map((row) => isoTime(row.t))).toEqual(dates.map((row) => instantsCut[asDates.indexOf(row)]));
      }),
      propertyRuns(15),
    );
  });
});
