import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMN_PREFS, readColumnPrefs, useColumnPrefsStore } from './column-prefs-store';

describe('column prefs', () => {
  it('keeps each user\'s columns and widths on this workstation', () => {
    window.localStorage.clear();
    useColumnPrefsStore.setState({ byUser: {} });
    useColumnPrefsStore.getState().update('u1', { sizing: { customer: 240 } });
    useColumnPrefsStore.getState().update('u1', { visibility: { phone: false } });
    expect(readColumnPrefs('u1')).toEqual({ visibility: { phone: false }, sizing: { customer: 240 } });
    expect(readColumnPrefs('u2')).toEqual(DEFAULT_COLUMN_PREFS);
    useColumnPrefsStore.getState().reset('u1');
    expect(readColumnPrefs('u1')).toEqual(DEFAULT_COLUMN_PREFS);
  });

  it('falls back to the defaults for anything it cannot read', () => {
    window.localStorage.setItem('bpo-crm:all-leads:columns:u3', '{not json');
    expect(readColumnPrefs('u3')).toEqual(DEFAULT_COLUMN_PREFS);
    window.localStorage.setItem('bpo-crm:all-leads:columns:u3', JSON.stringify({ visibility: { phone: 'no' }, sizing: { customer: -5 } }));
    expect(readColumnPrefs('u3')).toEqual(DEFAULT_COLUMN_PREFS);
  });
});
