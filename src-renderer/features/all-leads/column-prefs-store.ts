import { useMemo } from 'react';
import { create } from 'zustand';
import type { ColumnSizingState, ColumnVisibilityState } from '@tanstack/react-table';

export interface ColumnPrefs {
  visibility: ColumnVisibilityState;
  sizing: ColumnSizingState;
}

/** Shown until the user chooses otherwise: the contact details and dealership are one click away. */
export const DEFAULT_COLUMN_PREFS: ColumnPrefs = { visibility: { email: false, dealership: false, updatedAt: false }, sizing: {} };

const storageKey = (userId: string) => `bpo-crm:all-leads:columns:${userId}`;

function isNumberRecord(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && Object.values(value).every((entry) => typeof entry === 'number' && entry > 0);
}

function isBooleanRecord(value: unknown): value is Record<string, boolean> {
  return typeof value === 'object' && value !== null && Object.values(value).every((entry) => typeof entry === 'boolean');
}

/** The user's saved choice; anything unreadable (another version, a hand edit) falls back to the defaults. */
export function readColumnPrefs(userId: string): ColumnPrefs {
  try {
    const saved: unknown = JSON.parse(window.localStorage.getItem(storageKey(userId)) ?? 'null');
    if (typeof saved !== 'object' || saved === null) return DEFAULT_COLUMN_PREFS;
    const { visibility, sizing } = saved as Partial<ColumnPrefs>;
    return {
      visibility: isBooleanRecord(visibility) ? visibility : DEFAULT_COLUMN_PREFS.visibility,
      sizing: isNumberRecord(sizing) ? sizing : DEFAULT_COLUMN_PREFS.sizing,
    };
  } catch {
    return DEFAULT_COLUMN_PREFS;
  }
}

function writeColumnPrefs(userId: string, prefs: ColumnPrefs): void {
  try {
    window.localStorage.setItem(storageKey(userId), JSON.stringify(prefs));
  } catch {
    // A full or disabled storage only costs the memory of the choice, never the table.
  }
}

interface ColumnPrefsState {
  byUser: Record<string, ColumnPrefs>;
  update(userId: string, patch: Partial<ColumnPrefs>): void;
  reset(userId: string): void;
}

/** Which All Leads columns each user shows and how wide: kept per user id on this workstation. */
export const useColumnPrefsStore = create<ColumnPrefsState>((set, get) => ({
  byUser: {},
  update: (userId, patch) => {
    const next = { ...(get().byUser[userId] ?? readColumnPrefs(userId)), ...patch };
    writeColumnPrefs(userId, next);
    set((state) => ({ byUser: { ...state.byUser, [userId]: next } }));
  },
  reset: (userId) => {
    writeColumnPrefs(userId, DEFAULT_COLUMN_PREFS);
    set((state) => ({ byUser: { ...state.byUser, [userId]: DEFAULT_COLUMN_PREFS } }));
  },
}));

export function useColumnPrefs(userId: string): ColumnPrefs {
  const changed = useColumnPrefsStore((state) => state.byUser[userId]);
  const saved = useMemo(() => readColumnPrefs(userId), [userId]);
  return changed ?? saved;
}
