import type { ReactNode } from 'react';
import { useElementWidth } from './use-element-width';

/** A chart's place: as wide as its parent, as high as asked, drawn once the width is known. */
export function ChartBox({ height, children }: { height: number; children: (width: number) => ReactNode }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  return (
    <div ref={ref} className="report-chart" style={{ height }}>
      {width > 0 && children(width)}
    </div>
  );
}
