import { create } from 'zustand';
import type { UnclaimedAlert } from '../../../src-shared/contract/config.schema';

interface UnclaimedAlertsState {
  /** The brands' thresholds as the hub last answered them; null until the first answer. */
  alerts: UnclaimedAlert[] | null;
  setAlerts(alerts: UnclaimedAlert[]): void;
}

/**
 * The thresholds in this window: the alert check reads them, Configuration writes what the hub answered to a
 * change, so a manager's new threshold applies here at once (other desktops pick it up on their next refresh).
 */
export const useUnclaimedAlertsStore = create<UnclaimedAlertsState>()((set) => ({
  alerts: null,
  setAlerts: (alerts) => set({ alerts }),
}));
