import { describe, expect, it } from 'vitest';
import { FIELD_MAX } from '../../src-shared/contract/fields.schema';
import { clip, dealerFailureMessage, wonToast } from './won-messages';

describe('Won messages', () => {
  it('gives the toast with the SO number and the dealership', () => {
    expect(wonToast('S00012', 'Sandbox Motors')).toBe('Sales Order S00012 created on Sandbox Motors');
  });

  it('points connection trouble to Test Connection on the named dealership, once', () => {
    for (const code of ['dealer_unreachable', 'dealer_access_denied', 'dealer_no_create_right'] as const) {
      expect(dealerFailureMessage({ code, message: 'It failed.' }, 'Sandbox Motors')).toContain('a manager runs Test Connection on it (agents: ask a manager to)');
      expect(dealerFailureMessage({ code, message: 'It failed.' }, 'Sandbox Motors')).toContain('dealership "Sandbox Motors"');
    }
    const relayed = 'Unreachable. A manager can run Test Connection on dealership "Sandbox Motors".';
    expect(dealerFailureMessage({ code: 'dealer_unreachable', message: relayed }, 'Sandbox Motors')).toBe(relayed);
    expect(dealerFailureMessage({ code: 'dealer_validation', message: 'Odoo refused it.' }, 'Sandbox Motors')).toBe('Odoo refused it.');
    expect(dealerFailureMessage({ code: 'dealer_model_not_found', message: 'No product for "Jazz".' }, 'Sandbox Motors')).toBe('Dealership "Sandbox Motors": No product for "Jazz".');
  });

  it('keeps reports within what the hub accepts', () => {
    expect(clip('x'.repeat(5000))).toHaveLength(FIELD_MAX.errorMessage);
    expect(clip('short')).toBe('short');
  });
});
