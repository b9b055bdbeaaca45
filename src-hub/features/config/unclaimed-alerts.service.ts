import type { SetUnclaimedAlertBody, UnclaimedAlert } from '../../../src-shared/contract/config.schema';
import { capabilitiesOf } from '../../../src-shared/domain/roles';
import type { Sql } from '../../db/database';
import { forbidden } from '../../http/hub-error';
import type { HubContext } from '../../hub-context';
import type { AuthUser } from '../auth/auth-user';
import { isoTime } from '../../db/pg-time';
import { requireManager } from './require-manager';

interface UnclaimedAlertRow extends Record<string, unknown> {
  brand: string;
  after_minutes: number;
  updated_at: Date;
}

const toUnclaimedAlert = (row: UnclaimedAlertRow): UnclaimedAlert => ({ brand: row.brand, afterMinutes: Number(row.after_minutes), updatedAt: isoTime(row.updated_at) });

function listAlerts(db: Sql): Promise<UnclaimedAlertRow[]> {
  return db.query<UnclaimedAlertRow>('select brand, after_minutes, updated_at from unclaimed_alerts order by lower(brand)');
}

/** The thresholds, for whoever gets the alerts (supervisors, managers); agents are never alerted, so never told. */
export async function listUnclaimedAlerts(hub: HubContext, user: AuthUser): Promise<UnclaimedAlert[]> {
  if (!capabilitiesOf(user.role).seeAllLeads) throw forbidden('Only supervisors and managers get unclaimed-lead alerts.');
  return (await listAlerts(hub.db)).map(toUnclaimedAlert);
}

/** Sets (or, with null, removes) one brand's threshold; answers every brand's, as the list does. */
export async function setUnclaimedAlert(hub: HubContext, user: AuthUser, body: SetUnclaimedAlertBody): Promise<UnclaimedAlert[]> {
  requireManager(user);
  return hub.db.transaction(async (tx) => {
    if (body.afterMinutes === null) {
      await tx.query('delete from unclaimed_alerts where lower(brand) = lower($1)', [body.brand]);
    } else {
      await tx.query(
        `insert into unclaimed_alerts (brand, after_minutes, updated_at, updated_by) values ($1, $2, $3, $4)
         on conflict ((lower(brand))) do update set brand = excluded.brand, after_minutes = excluded.after_minutes,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [body.brand, body.afterMinutes, hub.clock.now(), user.id],
      );
    }
    return (await listAlerts(tx)).map(toUnclaimedAlert);
  });
}
