import { Bar, BarChart, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { COLORS } from './report-colors';
import { formatRate } from './report-format';
import { ChartBox } from './ChartBox';
import { ChartLegend } from './ChartLegend';

export interface ConversionRow {
  key: string;
  name: string;
  open: number;
  won: number;
  lost: number;
  conversionRate: number | null;
}

const ROW_HEIGHT = 26;
const SERIES = [
  { label: 'Won', color: COLORS.ok },
  { label: 'Lost', color: COLORS.lost },
  { label: 'Open', color: COLORS.accentSoft },
];
const AXIS_STYLE = { fontSize: 12, fill: COLORS.ink };

/** Per agent or brand: Won, Lost and Open stacked (the leads of the range), the conversion rate at the bar's end. */
export function ConversionBars({ rows }: { rows: ConversionRow[] }) {
  const height = rows.length * ROW_HEIGHT + 12;
  const data = rows.map((row) => ({ ...row, conversion: formatRate(row.conversionRate) }));
  return (
    <>
      <ChartLegend items={SERIES} />
      <ChartBox height={height}>
        {(width) => (
          <BarChart accessibilityLayer={false} layout="vertical" width={width} height={height} data={data} margin={{ top: 6, right: 48, bottom: 6, left: 0 }} barCategoryGap={5}>
            <XAxis type="number" hide allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={130} tickLine={false} axisLine={{ stroke: COLORS.line }} tick={AXIS_STYLE} interval={0} />
            <Tooltip cursor={{ fill: '#f0f3f7' }} isAnimationActive={false} />
            <Bar dataKey="won" name="Won" stackId="leads" fill={COLORS.ok} isAnimationActive={false} />
            <Bar dataKey="lost" name="Lost" stackId="leads" fill={COLORS.lost} isAnimationActive={false} />
            <Bar dataKey="open" name="Open" stackId="leads" fill={COLORS.accentSoft} isAnimationActive={false}>
              <LabelList dataKey="conversion" position="right" style={{ fontSize: 12, fontWeight: 600, fill: COLORS.ink }} />
            </Bar>
          </BarChart>
        )}
      </ChartBox>
    </>
  );
}
