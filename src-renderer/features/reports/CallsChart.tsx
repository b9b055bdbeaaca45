import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { CALL_RESULTS, CALL_RESULT_LABELS } from '../../../src-shared/domain/call-results';
import type { AgentCalls } from './calls-by-agent';
import { CALL_RESULT_COLORS, COLORS } from './report-colors';
import { formatCount, formatDay } from './report-format';
import { ChartBox } from './ChartBox';
import { ChartLegend } from './ChartLegend';
import { niceScale } from './nice-scale';

const HEIGHT = 150;

/** One agent's calls per floor day, stacked by result; every agent's chart on the same scale so they compare. */
function AgentCallsChart({ agent, scale }: { agent: AgentCalls; scale: { top: number; ticks: number[] } }) {
  return (
    <figure className="calls-agent">
      <figcaption>
        {agent.name} <span className="muted">{formatCount(agent.total)} calls</span>
      </figcaption>
      <ChartBox height={HEIGHT}>
        {(width) => (
          <BarChart accessibilityLayer={false} width={width} height={HEIGHT} data={agent.days} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} barCategoryGap="20%" maxBarSize={36}>
            <CartesianGrid vertical={false} stroke={COLORS.line} />
            <XAxis dataKey="day" tickFormatter={formatDay} tickLine={false} axisLine={{ stroke: COLORS.line }} tick={{ fontSize: 11, fill: COLORS.muted }} minTickGap={8} />
            <YAxis domain={[0, scale.top]} ticks={scale.ticks} width={28} tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: COLORS.muted }} />
            <Tooltip cursor={{ fill: '#f0f3f7' }} labelFormatter={(day) => formatDay(String(day))} isAnimationActive={false} />
            {CALL_RESULTS.map((result) => (
              <Bar key={result} dataKey={result} name={CALL_RESULT_LABELS[result]} stackId="calls" fill={CALL_RESULT_COLORS[result]} isAnimationActive={false} />
            ))}
          </BarChart>
        )}
      </ChartBox>
    </figure>
  );
}

/** Small multiples: a chart per agent, with one legend for all. */
export function CallsChart({ agents }: { agents: AgentCalls[] }) {
  const scale = niceScale(Math.max(0, ...agents.flatMap((agent) => agent.days.map((day) => day.total))));
  return (
    <div>
      <ChartLegend items={CALL_RESULTS.map((result) => ({ label: CALL_RESULT_LABELS[result], color: CALL_RESULT_COLORS[result] }))} />
      <div className="calls-grid">
        {agents.map((agent) => (
          <AgentCallsChart key={agent.userId} agent={agent} scale={scale} />
        ))}
      </div>
    </div>
  );
}
