import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAgeReportSchema, type OpenAgeReport } from '../../../src-shared/contract/reports.schema';
import { FEATURE_BACKENDS, api, createLead, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { seedReportsFixture, type ReportsFixture } from './reports.fixture';

/** The pool of reports.fixture.ts: L1, L9, L12–L16 (L2 and the others are claimed or closed). */
describe.each(FEATURE_BACKENDS)('open-age report on %s', (backend) => {
  let env: TestHub;
  let floor: ReportsFixture;
  const report = async (query = ''): Promise<OpenAgeReport> => {
    const answer = await api(env.url, floor.users.manager.token).get(`/reports/open-age${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return openAgeReportSchema.parse(answer.body);
  };
  const counts = (age: OpenAgeReport): number[] => age.buckets.map((bucket) => bucket.leads);
  const oldest = (age: OpenAgeReport): Array<[string, number]> => age.oldest.map((lead) => [lead.customerName.replace('Customer ', ''), lead.ageHours]);

  beforeAll(async () => {
    env = await startTestHub(backend);
    floor = await seedReportsFixture(env.db);
  });
  afterAll(() => env.close());

  it('buckets the unclaimed open leads by age on the hub clock, [min, max) hours, and lists the oldest first', async () => {
    const age = await report();
    expect(age.asOf).toBe('2026-11-23T09:00:00.000Z');
    expect(age.buckets.map((bucket) => [bucket.label, bucket.minHours, bucket.maxHours])).toEqual([
      ['< 1 h', 0, 1],
      ['1–4 h', 1, 4],
      ['4–24 h', 4, 24],
      ['1–3 days', 24, 72],
      ['3–7 days', 72, 168],
      ['> 7 days', 168, null],
    ]);
    // L12 0.5 h, L13 2 h, L14 exactly 4 h, L15 48 h, L16 120 h, L9 321 h and L1 527 h
    expect(counts(age)).toEqual([1, 1, 1, 1, 1, 2]);
    expect(oldest(age)).toEqual([['L1', 527], ['L9', 321], ['L16', 120], ['L15', 48], ['L14', 4], ['L13', 2], ['L12', 0.5]]);
    expect(age.oldest[0]).toMatchObject({ leadId: floor.leads['L1']?.id, ref: floor.leads['L1']?.ref, brand: 'Toyota', source: 'Website', createdAt: '2026-11-01T10:00:00.000Z' });
  });

  it('filters by brand and ignores the date range', async () => {
    const honda = await report('?brand=Honda');
    expect(counts(honda)).toEqual([0, 1, 0, 0, 1, 0]);
    expect(oldest(honda)).toEqual([['L16', 120], ['L13', 2]]);
    expect(counts(await report('?from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z'))).toEqual([1, 1, 1, 1, 1, 2]);
  });

  it('follows the clock, and counts a lead from a clock ahead as age 0', async () => {
    try {
      env.clock.set(new Date('2026-11-23T10:00:00Z')); // L12 1.5 h, L13 3 h, L14 5 h, L15 49 h, L16 121 h
      expect(counts(await report())).toEqual([0, 2, 1, 1, 1, 2]);
      env.clock.set(new Date('2026-11-23T08:00:00Z')); // L12 half an hour ahead, L13 exactly 1 h, L14 3 h, L15 47 h, L16 119 h
      const early = await report();
      expect(early.asOf).toBe('2026-11-23T08:00:00.000Z');
      expect(counts(early)).toEqual([1, 2, 0, 1, 1, 2]);
      expect(oldest(early).at(-1)).toEqual(['L12', 0]);
    } finally {
      env.clock.set(new Date('2026-11-23T09:00:00Z'));
    }
  });

  it('leaves claimed leads out and lists at most the 20 oldest', async () => {
    for (let index = 0; index < 25; index++) {
      await createLead(env.db, { brand: 'Kia', createdAt: new Date(Date.UTC(2026, 10, 1 + index, 12)), customer: { name: `Customer K${index}`, phone: null, email: `k${index}@mail.example` } });
    }
    await env.db.query(`update leads set user_id = $1 where customer_name = 'Customer K0'`, [floor.users.ana.id]);
    const kia = await report('?brand=Kia');
    // K1..K24 (K0 is claimed) created 2026-11-02 .. 2026-11-25 at 12:00, the clock at 2026-11-23T09:00Z: age (22 - i) × 24 - 3 h
    expect(counts(kia)).toEqual([3, 0, 1, 2, 4, 14]); // K22–K24 ahead of the clock; K21 21 h; K19, K20; K15–K18 (93–165 h); K1–K14 (189 h and more)
    expect(kia.oldest).toHaveLength(20);
    expect(kia.oldest.map((lead) => lead.customerName)).toEqual(Array.from({ length: 20 }, (_unused, index) => `Customer K${index + 1}`));
  });
});
