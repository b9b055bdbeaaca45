import { describe, expect, it } from 'vitest';
import { reassignedAwayTexts } from './reassigned-away';

const away = (n: number, toName = 'Ben Agent', byName = 'Sue Supervisor') => ({ ref: `LEAD/2026/0004${n}`, toName, byName });

describe('reassignedAwayTexts', () => {
  it('says one lead as before', () => {
    expect(reassignedAwayTexts([away(1)])).toEqual(['LEAD/2026/00041 was reassigned to Ben Agent by Sue Supervisor']);
  });

  it('groups leads that went to the same agent by the same supervisor, naming three and counting the rest', () => {
    expect(reassignedAwayTexts([away(1), away(2)])).toEqual(['2 of your leads were reassigned to Ben Agent by Sue Supervisor: LEAD/2026/00041, LEAD/2026/00042']);
    expect(reassignedAwayTexts([1, 2, 3, 4, 5].map((n) => away(n)))).toEqual([
      '5 of your leads were reassigned to Ben Agent by Sue Supervisor: LEAD/2026/00041, LEAD/2026/00042, LEAD/2026/00043 and 2 more',
    ]);
  });

  it('keeps different new holders or supervisors apart, in the order they came', () => {
    expect(reassignedAwayTexts([away(1, 'Carla Agent'), away(2), away(3, 'Carla Agent'), away(4, 'Ben Agent', 'Ramon Manager')])).toEqual([
      '2 of your leads were reassigned to Carla Agent by Sue Supervisor: LEAD/2026/00041, LEAD/2026/00043',
      'LEAD/2026/00042 was reassigned to Ben Agent by Sue Supervisor',
      'LEAD/2026/00044 was reassigned to Ben Agent by Ramon Manager',
    ]);
  });

  it('says nothing for nothing', () => {
    expect(reassignedAwayTexts([])).toEqual([]);
  });
});
