/** A chart's key, in the series' order, in the page's text colour (decoration: the tables carry the meaning). */
export function ChartLegend({ items }: { items: { label: string; color: string }[] }) {
  return (
    <ul className="report-legend" aria-hidden="true">
      {items.map((item) => (
        <li key={item.label}>
          <span className="swatch" style={{ background: item.color }} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
