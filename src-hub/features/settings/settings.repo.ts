import { DEFAULT_WORKSTATION_SETTINGS, workstationSettingsSchema, type WorkstationSettings } from '../../../src-shared/contract/settings.schema';
import { one, type Sql } from '../../db/database';

/** The `settings` table (key → jsonb) holds the workstation settings under one key. */
const KEY = 'workstation';

export async function readWorkstationSettings(sql: Sql): Promise<WorkstationSettings> {
  const row = await one<{ value: unknown }>(sql, 'select value from settings where key = $1', [KEY]);
  // A row written by an older or newer hub keeps what still parses; the rest falls back to the defaults.
  const stored = workstationSettingsSchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_WORKSTATION_SETTINGS, ...(stored.success ? stored.data : {}) };
}

/** Merges the given fields into the stored ones in one statement, so two managers' changes to different fields both stay. */
export async function mergeWorkstationSettings(sql: Sql, patch: Partial<WorkstationSettings>): Promise<void> {
  await sql.query('insert into settings (key, value) values ($1, $2::jsonb) on conflict (key) do update set value = settings.value || excluded.value', [KEY, JSON.stringify(patch)]);
}
