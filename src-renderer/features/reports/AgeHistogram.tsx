import { Bar, BarChart, CartesianGrid, LabelList, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { OpenAgeReport } from '../../../src-shared/contract/reports.schema';
import { COLORS, ageColor } from './report-colors';
import { ChartBox } from './ChartBox';

type Bucket = OpenAgeReport['buckets'][number];

const HEIGHT = 236;
const AXIS_STYLE = { fontSize: 12, fill: COLORS.ink };

function AgeBar(props: BarShapeProps) {
  return <Rectangle {...props} fill={ageColor((props.payload as Bucket).minHours)} />;
}

/** Unclaimed open leads by how long they have waited, youngest to oldest; the older buckets in warning colours. */
export function AgeHistogram({ buckets }: { buckets: Bucket[] }) {
  return (
    <ChartBox height={HEIGHT}>
      {(width) => (
        <BarChart accessibilityLayer={false} width={width} height={HEIGHT} data={buckets} margin={{ top: 18, right: 8, bottom: 0, left: 0 }} barCategoryGap="18%" maxBarSize={64}>
          <CartesianGrid vertical={false} stroke={COLORS.line} />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: COLORS.line }} tick={AXIS_STYLE} interval={0} />
          <YAxis allowDecimals={false} width={36} tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: COLORS.muted }} />
          <Tooltip cursor={{ fill: '#f0f3f7' }} isAnimationActive={false} />
          <Bar dataKey="leads" name="Unclaimed leads" shape={AgeBar} isAnimationActive={false}>
            <LabelList dataKey="leads" position="top" style={{ fontSize: 12, fill: COLORS.muted }} />
          </Bar>
        </BarChart>
      )}
    </ChartBox>
  );
}
