import { call, crm } from '../bridge/crm';
import type { OpenOutbox, SealOutbox } from '../db/kept-outbox';

/** Main seals a kept outbox with its owner's public key, and opens one only for the person signed in. */
export const sealThroughMain: SealOutbox = async (owner, items) => (await call(crm().sealKeptOutbox({ owner, items }))).sealed;
export const openThroughMain: OpenOutbox = async (sealed) => (await call(crm().openKeptOutbox({ sealed }))).items;
