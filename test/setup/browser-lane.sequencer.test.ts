import { describe, expect, it } from 'vitest';
import { groupByProject, longestFirst, spreadBrowserFiles } from './browser-lane.sequencer';

const isBrowser = (name: string) => name.startsWith('e2e');
/** 'e2e-1:30' → 30 s. */
const seconds = (name: string) => Number(name.split(':')[1] ?? 1);

describe('the browser files in the queue', () => {
  it('are each placed where the other workers will have used the lane time of the ones before, the first one first', () => {
    const sorted = ['e2e-1:10', 'e2e-2:5', 'e2e-3:20', 'a:8', 'b:8', 'c:4', 'd:2', 'e:1', 'f:1', 'g:1', 'h:1'];
    // Two other workers: 20 s of others while e2e-1 runs, 10 s more during e2e-2.
    expect(spreadBrowserFiles(sorted, isBrowser, seconds, 2)).toEqual(['e2e-1:10', 'a:8', 'b:8', 'c:4', 'e2e-2:5', 'd:2', 'e:1', 'f:1', 'g:1', 'h:1', 'e2e-3:20']);
    // One other worker: b would end after e2e-2 has left the lane (16 s > 15 s), so e2e-3 comes before it.
    expect(spreadBrowserFiles(sorted, isBrowser, seconds, 1)).toEqual(['e2e-1:10', 'a:8', 'e2e-2:5', 'e2e-3:20', 'b:8', 'c:4', 'd:2', 'e:1', 'f:1', 'g:1', 'h:1']);
  });

  it('keeps every file once when the lane outlasts the others, or there are none of either', () => {
    expect(spreadBrowserFiles(['e2e-1:30', 'e2e-2:30', 'e2e-3:30', 'a:1'], isBrowser, seconds, 2)).toEqual(['e2e-1:30', 'a:1', 'e2e-2:30', 'e2e-3:30']);
    expect(spreadBrowserFiles(['a', 'b'], isBrowser, seconds, 2)).toEqual(['a', 'b']);
    expect(spreadBrowserFiles(['e2e-1'], isBrowser, seconds, 2)).toEqual(['e2e-1']);
  });
});

describe('the other files in the queue', () => {
  it('come project by project, in the order of each project\'s first file, each project\'s files in the order they came', () => {
    const sorted = ['node:a', 'renderer:b', 'node:c', 'e2e:d', 'renderer:e', 'node:f'];
    expect(groupByProject(sorted, (name) => name.split(':')[0] ?? '')).toEqual(['node:a', 'node:c', 'node:f', 'renderer:b', 'renderer:e', 'e2e:d']);
  });

  it('come longest first, equal ones in the order they came', () => {
    expect(longestFirst(['a:1', 'b:5', 'c:1', 'd:9', 'e:5'], seconds)).toEqual(['d:9', 'b:5', 'e:5', 'a:1', 'c:1']);
  });
});
