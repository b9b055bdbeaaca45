import { describe, expect, it } from 'vitest';
import { spreadBrowserFiles } from './browser-lane.sequencer';

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
