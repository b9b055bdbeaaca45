import { STALE_THRESHOLDS, isStaleThreshold, type StaleAfterMinutes } from './stale-leads';

/** The floor view's threshold: from how long a wait an unclaimed lead counts as stale. */
export function StaleThresholdSelect({ value, onChange }: { value: StaleAfterMinutes; onChange: (minutes: StaleAfterMinutes) => void }) {
  return (
    <label className="stale-threshold">
      Stale after
      <select
        value={value}
        onChange={(event) => {
          const minutes = Number(event.target.value);
          if (isStaleThreshold(minutes)) onChange(minutes);
        }}
      >
        {STALE_THRESHOLDS.map((threshold) => (
          <option key={threshold.minutes} value={threshold.minutes}>
            {threshold.label}
          </option>
        ))}
      </select>
    </label>
  );
}
