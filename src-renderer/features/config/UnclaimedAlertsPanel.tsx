import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { UnclaimedAlert } from '../../../src-shared/contract/config.schema';
import { useReplica } from '../../app/ReplicaProvider';
import { useUiStore } from '../../app/ui-store';
import { call, crm } from '../../bridge/crm';
import { errorText } from '../../ui/error-text';
import { useUnclaimedAlertsStore } from '../unclaimed-alerts/unclaimed-alerts-store';
import { UnclaimedAlertRow } from './UnclaimedAlertRow';
import { readLeads } from '../../db/lead-store';

/** Every brand the floor knows: the dealerships' brands, those of leads waiting in the pool, those with an alert. */
function knownBrands(dealershipBrands: readonly string[], poolBrands: readonly string[], alerts: readonly UnclaimedAlert[]): string[] {
  const byKey = new Map<string, string>();
  for (const brand of [...alerts.map((alert) => alert.brand), ...dealershipBrands, ...poolBrands]) {
    if (!byKey.has(brand.toLowerCase())) byKey.set(brand.toLowerCase(), brand);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

/**
 * Unclaimed-lead alerts (managers): per brand, how long an unclaimed lead may wait before supervisors and
 * managers get a desktop notification. Off until set; a notification only.
 */
export function UnclaimedAlertsPanel() {
  const { db } = useReplica();
  const toast = useUiStore((state) => state.toast);
  const setAlerts = useUnclaimedAlertsStore((state) => state.setAlerts);
  const [alerts, setShown] = useState<UnclaimedAlert[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const dealershipBrands = useLiveQuery(async () => (await db.dealerships.toArray()).flatMap((dealership) => dealership.brands), [db]);
  const poolBrands = useLiveQuery(async () => (await readLeads(db)).poolBrands(), [db]);

  const show = useCallback(
    (list: UnclaimedAlert[]) => {
      setShown(list);
      // The alert check of this window applies the change at once.
      setAlerts(list);
    },
    [setAlerts],
  );

  useEffect(() => {
    void (async () => {
      try {
        show(await call(crm().listUnclaimedAlerts()));
        setFailure(null);
      } catch (error) {
        setFailure(errorText(error));
      }
    })();
  }, [show]);

  const brands = useMemo(() => knownBrands(dealershipBrands ?? [], poolBrands ?? [], alerts ?? []), [dealershipBrands, poolBrands, alerts]);
  const alertOf = (brand: string) => alerts?.find((alert) => alert.brand.toLowerCase() === brand.toLowerCase()) ?? null;

  const onSave = async (brand: string, afterMinutes: number | null): Promise<string | null> => {
    try {
      show(await call(crm().setUnclaimedAlert({ brand, afterMinutes })));
      toast('success', afterMinutes === null ? `Alert for ${brand} turned off` : `Alert for ${brand} set to ${afterMinutes} min`);
      return null;
    } catch (error) {
      return errorText(error);
    }
  };

  return (
    <section className="config-section config-narrow" aria-label="Lead alerts">
      <p className="config-intro">
        Supervisors and managers get a desktop notification when an unclaimed lead of a brand has waited longer than the minutes set here, once per lead. A brand
        without minutes has no alert. Only a notification: no lead is claimed, moved or reassigned.
      </p>
      {failure && (
        <p className="config-error" role="alert">
          {failure}
        </p>
      )}
      {alerts === null && !failure && <p className="config-loading">Loading…</p>}
      {alerts !== null && brands.length === 0 && <p className="muted config-empty">No brand yet: add one to a dealership first.</p>}
      {alerts !== null && brands.length > 0 && (
        <table className="config-table">
          <thead>
            <tr>
              <th scope="col">Brand</th>
              <th scope="col">Alert</th>
              <th scope="col">Alert after (whole minutes, 1 to 1440)</th>
            </tr>
          </thead>
          <tbody>
            {brands.map((brand) => (
              <UnclaimedAlertRow key={`${brand}:${alertOf(brand)?.afterMinutes ?? 'off'}`} brand={brand} alert={alertOf(brand)} onSave={onSave} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
