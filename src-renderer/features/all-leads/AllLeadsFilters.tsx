import type { User } from '../../../src-shared/contract/entities.schema';
import type { Stage } from '../../../src-shared/domain/stages';
import { AGE_PRESETS, CREATED_BETWEEN, UNASSIGNED, isFiltered, type AgePreset, type AllLeadsFilter } from './all-leads-query';
import { SearchBox } from './SearchBox';

interface AllLeadsFiltersProps {
  filter: AllLeadsFilter;
  onChange(patch: Partial<AllLeadsFilter>): void;
  onClear(): void;
  users: User[];
  stages: Stage[];
  brands: string[];
  sources: string[];
}

/** The filter strip: who holds the lead, where it is, what it is, how old, and free text. */
export function AllLeadsFilters({ filter, onChange, onClear, users, stages, brands, sources }: AllLeadsFiltersProps) {
  const active = users.filter((user) => user.active);
  const inactive = users.filter((user) => !user.active);
  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <SearchBox value={filter.search} onSearch={(search) => onChange({ search })} />
      <select value={filter.agent} onChange={(event) => onChange({ agent: event.target.value })} aria-label="Assigned agent">
        <option value="">All agents</option>
        <option value={UNASSIGNED}>Unassigned</option>
        <optgroup label="Active">
          {active.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </optgroup>
        {inactive.length > 0 && (
          <optgroup label="Inactive">
            {inactive.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name} (inactive)
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <select value={filter.stageId} onChange={(event) => onChange({ stageId: event.target.value })} aria-label="Stage">
        <option value="">All stages</option>
        {stages.map((stage) => (
          <option key={stage.id} value={stage.id}>
            {stage.name}
          </option>
        ))}
      </select>
      <select value={filter.brand} onChange={(event) => onChange({ brand: event.target.value })} aria-label="Brand">
        <option value="">All brands</option>
        {brands.map((brand) => (
          <option key={brand} value={brand}>
            {brand}
          </option>
        ))}
      </select>
      <select value={filter.source} onChange={(event) => onChange({ source: event.target.value })} aria-label="Source">
        <option value="">All sources</option>
        {sources.map((source) => (
          <option key={source} value={source}>
            {source}
          </option>
        ))}
      </select>
      <select value={filter.age} onChange={(event) => onChange({ age: event.target.value as AgePreset, ageAsOf: new Date().toISOString() })} aria-label="Age">
        <option value="">Any age</option>
        {AGE_PRESETS.map((preset) => (
          <option key={preset.value} value={preset.value}>
            {preset.label}
          </option>
        ))}
        <option value={CREATED_BETWEEN}>Created between…</option>
      </select>
      {filter.age === CREATED_BETWEEN && (
        <span className="filter-dates">
          <input type="date" value={filter.createdFrom} onChange={(event) => onChange({ createdFrom: event.target.value })} aria-label="Created from" title="Created on or after this day" />
          and
          <input type="date" value={filter.createdTo} onChange={(event) => onChange({ createdTo: event.target.value })} aria-label="Created to" title="Created on or before this day" />
        </span>
      )}
      <label className="filter-toggle" title="Open leads whose last Mark as Won push failed">
        <input type="checkbox" checked={filter.wonFailed} onChange={(event) => onChange({ wonFailed: event.target.checked })} />
        Won push failed
      </label>
      {isFiltered(filter) && (
        <button type="button" className="link" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
