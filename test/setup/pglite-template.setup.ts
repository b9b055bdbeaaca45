import { inject } from 'vitest';
import { PGLITE_TEMPLATE_ENV } from '../../src-hub/db/pglite-template';

// Hubs the tests start in processes of their own (the CLI, the floor's hubs) and hubs opened without a snapshot of
// their own (the training hub) fill a new PGlite folder from the run's migrated snapshot instead of running initdb.
// Set in each worker: the global setup's process runs beside the workers, not before them.
process.env[PGLITE_TEMPLATE_ENV] ??= inject('pgliteSnapshotPath');
