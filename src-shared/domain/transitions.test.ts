import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkTransition, forwardOnlyMessage } from './transitions';
import { openStages, sortStages, type Stage } from './stages';
import { defaultStages } from './stages.fixture';

const stages = defaultStages();

describe('forward-only stage progression (Working a Lead)', () => {
  // The table "From | Only allowed next open stage".
  it.each([
    ['new', 'qualified'],
    ['qualified', 'negotiation'],
  ])('from %s the only allowed next open stage is %s', (from, to) => {
    const check = checkTransition(stages, from, to);
    expect(check).toMatchObject({ ok: true, kind: 'advance' });
  });

  it('skipping New → Negotiation raises the documents\' error verbatim', () => {
    expect(checkTransition(stages, 'new', 'negotiation')).toEqual({
      ok: false,
      code: 'stage_transition_not_allowed',
      message:
        'Leads can only move forward one stage at a time. From "New" the only allowed next stage is "Qualified". Use the Mark Won or Mark Lost buttons to close the lead instead.',
    });
  });

  it('reverting Qualified → New raises the error naming Qualified\'s next stage', () => {
    expect(checkTransition(stages, 'qualified', 'new')).toMatchObject({
      ok: false,
      code: 'stage_transition_not_allowed',
      message:
        'Leads can only move forward one stage at a time. From "Qualified" the only allowed next stage is "Negotiation". Use the Mark Won or Mark Lost buttons to close the lead instead.',
    });
  });

  it('from Negotiation no open stage is allowed (use Mark Won or Mark Lost)', () => {
    for (const target of ['new', 'qualified', 'negotiation']) {
      expect(checkTransition(stages, 'negotiation', target)).toEqual({
        ok: false,
        code: 'stage_transition_not_allowed',
        message:
          'Leads can only move forward one stage at a time. From "Negotiation" no further open stage is allowed. Use the Mark Won or Mark Lost buttons to close the lead instead.',
      });
    }
  });

  it('staying in the same stage is not a forward move', () => {
    expect(checkTransition(stages, 'new', 'new')).toMatchObject({ ok: false, code: 'stage_transition_not_allowed' });
  });

  it('closing a lead is never blocked: Won or Lost from any open stage', () => {
    for (const from of ['new', 'qualified', 'negotiation']) {
      expect(checkTransition(stages, from, 'won')).toMatchObject({ ok: true, kind: 'won', to: { id: 'won' } });
      expect(checkTransition(stages, from, 'lost')).toMatchObject({ ok: true, kind: 'lost', to: { id: 'lost' } });
    }
  });

  it('a closed lead does not move again (stricter than the documents, DESIGN.md §4.3)', () => {
    for (const from of ['won', 'lost']) {
      for (const to of ['new', 'qualified', 'negotiation', 'won', 'lost']) {
        expect(checkTransition(stages, from, to)).toMatchObject({ ok: false, code: 'lead_closed' });
      }
    }
  });

  it('the administrator override (skip_stage_transition_check) bypasses the rule', () => {
    expect(checkTransition(stages, 'new', 'negotiation', { skipStageTransitionCheck: true })).toMatchObject({ ok: true, kind: 'override' });
    expect(checkTransition(stages, 'lost', 'qualified', { skipStageTransitionCheck: true })).toMatchObject({
      ok: true,
      kind: 'override',
      to: { id: 'qualified' },
    });
  });

  it('with several won or lost stages the first by sequence is the target', () => {
    const many: Stage[] = [
      ...stages,
      { id: 'won-early', name: 'Won (fleet)', sequence: 35, isWon: true, isLost: false, folded: false },
      { id: 'lost-late', name: 'Lost (spam)', sequence: 60, isWon: false, isLost: true, folded: true },
    ];
    expect(checkTransition(many, 'qualified', 'won')).toMatchObject({ ok: true, kind: 'won', to: { id: 'won-early' } });
    expect(checkTransition(many, 'qualified', 'lost-late')).toMatchObject({ ok: true, kind: 'lost', to: { id: 'lost' } });
  });

  it('stage names come from the configured stages', () => {
    const renamed = stages.map((stage) => (stage.id === 'new' ? { ...stage, name: 'Fresh' } : stage));
    expect(checkTransition(renamed, 'new', 'negotiation')).toMatchObject({
      message: forwardOnlyMessage('Fresh', 'Qualified'),
    });
  });

  it('follows sequence, not the order stages are listed in', () => {
    const shuffled = [...stages].reverse();
    expect(checkTransition(shuffled, 'new', 'qualified')).toMatchObject({ ok: true, kind: 'advance' });
  });

  it('unknown stages are refused', () => {
    expect(checkTransition(stages, 'new', 'nope')).toMatchObject({ ok: false, code: 'not_found' });
    expect(checkTransition(stages, 'nope', 'new')).toMatchObject({ ok: false, code: 'not_found' });
  });
});

/** Any stage configuration: unique ids and sequences, each stage open, won or lost (never both). */
const stageSetArb = fc
  .uniqueArray(
    fc.record({
      sequence: fc.integer({ min: 0, max: 1000 }),
      kind: fc.constantFrom('open', 'open', 'won', 'lost'),
      folded: fc.boolean(),
    }),
    { minLength: 1, maxLength: 9, selector: (stage) => stage.sequence },
  )
  .map((raw) =>
    raw.map(
      (stage, index): Stage => ({
        id: `s${index}`,
        name: `Stage ${index}`,
        sequence: stage.sequence,
        isWon: stage.kind === 'won',
        isLost: stage.kind === 'lost',
        folded: stage.folded,
      }),
    ),
  );

describe('forward-only rule, for any stage configuration', () => {
  it('a move is allowed exactly when it is one step forward between open stages or a close from an open stage', () => {
    fc.assert(
      fc.property(stageSetArb, fc.nat(), fc.nat(), (set, i, j) => {
        const from = set[i % set.length]!;
        const to = set[j % set.length]!;
        const open = openStages(set);
        const fromOpen = !from.isWon && !from.isLost;
        const toOpen = !to.isWon && !to.isLost;
        const oneStep = fromOpen && toOpen && open.indexOf(to) === open.indexOf(from) + 1;
        const close = fromOpen && !toOpen;
        expect(checkTransition(set, from.id, to.id).ok).toBe(oneStep || close);
      }),
    );
  });

  it('a close always lands on the first won (or lost) stage by sequence', () => {
    fc.assert(
      fc.property(stageSetArb, fc.nat(), fc.nat(), (set, i, j) => {
        const from = set[i % set.length]!;
        const to = set[j % set.length]!;
        const check = checkTransition(set, from.id, to.id);
        if (!check.ok || check.kind === 'advance') return;
        const sorted = sortStages(set);
        const expected = check.kind === 'won' ? sorted.find((s) => s.isWon) : sorted.find((s) => s.isLost);
        expect(check.to).toBe(expected);
      }),
    );
  });

  it('a refusal between open stages always names the from stage and its next open stage', () => {
    fc.assert(
      fc.property(stageSetArb, fc.nat(), fc.nat(), (set, i, j) => {
        const from = set[i % set.length]!;
        const to = set[j % set.length]!;
        const check = checkTransition(set, from.id, to.id);
        if (check.ok || check.code !== 'stage_transition_not_allowed') return;
        const open = openStages(set);
        const next = open[open.indexOf(from) + 1];
        expect(check.message).toBe(forwardOnlyMessage(from.name, next?.name ?? null));
      }),
    );
  });

  it('the override allows every move between known stages', () => {
    fc.assert(
      fc.property(stageSetArb, fc.nat(), fc.nat(), (set, i, j) => {
        const from = set[i % set.length]!;
        const to = set[j % set.length]!;
        expect(checkTransition(set, from.id, to.id, { skipStageTransitionCheck: true })).toMatchObject({ ok: true, kind: 'override', to });
      }),
    );
  });
});
