import { describe, expect, it } from 'vitest';
import { wakes, type EventListener } from './change-fanout';
import { FanoutGroups } from './fanout-groups';

const audience = (groups: FanoutGroups<string>, notice: Parameters<FanoutGroups<string>['audience']>[0]) => [...groups.audience(notice)].sort();

describe('FanoutGroups', () => {
  const floor = () => {
    const groups = new FanoutGroups<string>();
    groups.add('a1', { userId: '1', seeAll: false });
    groups.add('a1-second-window', { userId: '1', seeAll: false });
    groups.add('a2', { userId: '2', seeAll: false });
    groups.add('a3', { userId: '3', seeAll: false });
    groups.add('sup', { userId: '9', seeAll: true });
    return groups;
  };

  it('finds the audience of a change by visibility, each member once', () => {
    const groups = floor();
    expect(audience(groups, { leadId: '5', users: ['1', '2'], pool: false })).toEqual(['a1', 'a1-second-window', 'a2', 'sup']);
    expect(audience(groups, { leadId: '5', users: ['3'], pool: true })).toEqual(['a1', 'a1-second-window', 'a2', 'a3', 'sup']);
    expect(audience(groups, { leadId: '5', users: ['1', '1', '9'], pool: false })).toEqual(['a1', 'a1-second-window', 'sup']);
    expect(audience(groups, { leadId: '5', users: ['42'], pool: false })).toEqual(['sup']);
    expect(audience(groups, { leadId: null, users: [], pool: true })).toEqual(['a1', 'a1-second-window', 'a2', 'a3', 'sup']);
    expect(audience(groups, null)).toHaveLength(5);
  });

  it('finds exactly the members the one visibility rule (`wakes`) would wake, one by one', () => {
    const members: Array<[string, EventListener]> = [['a1', { userId: '1', seeAll: false }], ['a2', { userId: '2', seeAll: false }], ['sup', { userId: '9', seeAll: true }]];
    const groups = new FanoutGroups<string>();
    for (const [member, listener] of members) groups.add(member, listener);
    const notices = [null, { leadId: null, users: [], pool: false }, { leadId: '5', users: ['1'], pool: false }, { leadId: '5', users: ['2', '9'], pool: false }, { leadId: '5', users: [], pool: true }, { leadId: '5', users: ['7'], pool: false }];
    for (const notice of notices) expect(audience(groups, notice)).toEqual(members.filter(([, listener]) => wakes(listener, notice)).map(([member]) => member).sort());
  });

  it('moves a member when its visibility changes and forgets it when removed', () => {
    const groups = floor();
    groups.add('a2', { userId: '2', seeAll: true }); // promoted
    expect(audience(groups, { leadId: '5', users: ['1'], pool: false })).toEqual(['a1', 'a1-second-window', 'a2', 'sup']);
    groups.add('sup', { userId: '9', seeAll: false }); // demoted
    expect(audience(groups, { leadId: '5', users: ['1'], pool: false })).toEqual(['a1', 'a1-second-window', 'a2']);
    groups.remove('a1');
    groups.remove('a1-second-window');
    groups.remove('a1');
    expect(audience(groups, { leadId: '5', users: ['1'], pool: false })).toEqual(['a2']);
    expect(groups.size).toBe(3);
    expect(groups.has('a1')).toBe(false);
  });
});
