import { describe, expect, it } from 'vitest';
import { groupByProject, spreadBrowserFiles } from './browser-lane.sequencer';

const isBrowser = (name: string) => name.startsWith('e2e');

describe('the browser files in the queue', () => {
  it('are spread evenly, the first one first, each kind in the order it came', () => {
    const sorted = ['e2e-1', 'e2e-2', 'e2e-3', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    expect(spreadBrowserFiles(sorted, isBrowser)).toEqual(['e2e-1', 'a', 'b', 'c', 'e2e-2', 'd', 'e', 'f', 'e2e-3', 'g', 'h', 'i']);
  });

  it('keeps every file once when there are more browser files than others, or none of either', () => {
    expect(spreadBrowserFiles(['e2e-1', 'e2e-2', 'e2e-3', 'a'], isBrowser)).toEqual(['e2e-1', 'e2e-2', 'a', 'e2e-3']);
    expect(spreadBrowserFiles(['a', 'b'], isBrowser)).toEqual(['a', 'b']);
    expect(spreadBrowserFiles(['e2e-1'], isBrowser)).toEqual(['e2e-1']);
  });
});

describe('the other files in the queue', () => {
  it('come project by project, in the order of each project\'s first file, each project\'s files in the order they came', () => {
    const sorted = ['node:a', 'renderer:b', 'node:c', 'e2e:d', 'renderer:e', 'node:f'];
    expect(groupByProject(sorted, (name) => name.split(':')[0] ?? '')).toEqual(['node:a', 'node:c', 'node:f', 'renderer:b', 'renderer:e', 'e2e:d']);
  });
});
