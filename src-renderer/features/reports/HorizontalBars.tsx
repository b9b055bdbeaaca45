import { Bar, BarChart, LabelList, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { COLORS } from './report-colors';
import { ChartBox } from './ChartBox';

export interface BarRow {
  label: string;
  value: number;
  color: string;
}

const ROW_HEIGHT = 26;
const AXIS_STYLE = { fontSize: 12, fill: COLORS.ink };

function ColoredBar(props: BarShapeProps) {
  return <Rectangle {...props} fill={(props.payload as BarRow).color} />;
}

/** One bar per row, in the rows' order, each in its own colour, the value printed at the bar's end. */
export function HorizontalBars({ rows, valueName, labelWidth = 130 }: { rows: BarRow[]; valueName: string; labelWidth?: number }) {
  return (
    <ChartBox height={rows.length * ROW_HEIGHT + 12}>
      {(width) => (
        <BarChart accessibilityLayer={false} layout="vertical" width={width} height={rows.length * ROW_HEIGHT + 12} data={rows} margin={{ top: 6, right: 40, bottom: 6, left: 0 }} barCategoryGap={5}>
          <XAxis type="number" hide allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={labelWidth} tickLine={false} axisLine={{ stroke: COLORS.line }} tick={AXIS_STYLE} interval={0} />
          <Tooltip cursor={{ fill: '#f0f3f7' }} isAnimationActive={false} />
          <Bar dataKey="value" name={valueName} shape={ColoredBar} isAnimationActive={false}>
            <LabelList dataKey="value" position="right" style={{ fontSize: 12, fill: COLORS.muted }} />
          </Bar>
        </BarChart>
      )}
    </ChartBox>
  );
}
