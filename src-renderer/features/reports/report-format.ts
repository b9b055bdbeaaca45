const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

/** A conversion rate as "67%"; "—" when there is nothing to divide by (null). */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : percent.format(rate);
}

/** A share of a total as "25%"; "—" when the total is 0. */
export function formatShare(part: number, total: number): string {
  return total === 0 ? '—' : percent.format(part / total);
}

export function formatCount(value: number): string {
  return value.toLocaleString();
}

/** A floor day (`YYYY-MM-DD`) as "Mon 2 Mar", read as a calendar day (no time zone shift). */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
}
