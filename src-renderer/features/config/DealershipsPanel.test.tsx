import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ConnectionCheck } from '../../../src-shared/contract/ipc.contract';
import type { Dealership } from '../../../src-shared/contract/entities.schema';
import type { ReplicaDb } from '../../db/replica-db';
import { DealershipsPanel } from './DealershipsPanel';
import { METRO, answer, configReplica, refusal, renderConfig, stubCrm, toastTexts } from './config.fixture';

/** updateDealership as main answers it: the hub's dealership (never the key), the replica synced first. */
function savingCrm(db: ReplicaDb, testConnection = vi.fn()) {
  const updateDealership = vi.fn(async ({ id, patch }: { id: string; patch: Record<string, unknown> }) => {
    const stored = (await db.dealerships.get(id))!;
    const { connection, ...rest } = patch as Partial<Dealership> & {
      connection?: { url: string; database: string; login: string; apiKey?: string; company?: { id: number; name: string } | null } | null;
    };
    const next: Dealership = {
      ...stored,
      ...rest,
      ...(connection === undefined
        ? {}
        : {
            connection: connection && {
              url: connection.url,
              database: connection.database,
              login: connection.login,
              hasApiKey: Boolean(connection.apiKey) || (stored.connection?.hasApiKey ?? false),
              company: connection.company === undefined ? (stored.connection?.company ?? null) : connection.company,
            },
          }),
    };
    await db.dealerships.put(next);
    return answer(next);
  });
  const createDealership = vi.fn();
  stubCrm({ updateDealership: updateDealership as never, createDealership, testConnection });
  return { updateDealership, createDealership };
}

async function openMetro(db: ReplicaDb) {
  renderConfig(db, <DealershipsPanel />);
  await userEvent.click(await screen.findByRole('button', { name: 'Metro Toyota' }));
  return screen.getByRole('form', { name: 'Dealership Metro Toyota' });
}

const alerts = (scope: HTMLElement) => within(scope).queryAllByRole('alert').map((alert) => alert.textContent);

describe('DealershipsPanel', () => {
  it('saves only what changed; the API key is write-only (stored, field empty, not sent unless typed)', async () => {
    const db = await configReplica();
    const { updateDealership } = savingCrm(db);
    const editor = await openMetro(db);
    const key = within(editor).getByLabelText('API key') as HTMLInputElement;
    expect(key.type).toBe('password');
    expect(key.value).toBe('');
    expect(key.placeholder).toBe('stored');
    expect(within(editor).getByText('API key stored')).toBeTruthy();

    await userEvent.type(within(editor).getByLabelText('Brands'), 'Lexus{Enter}');
    await userEvent.click(within(editor).getByRole('button', { name: 'Remove brand Toyota' }));
    await userEvent.click(within(editor).getByRole('button', { name: 'Add vehicle model' }));
    await userEvent.type(within(editor).getByLabelText('Vehicle model, row 2'), 'Hilux');
    await userEvent.type(within(editor).getByLabelText('Dealer product code, row 2'), 'HILUX-24');
    await userEvent.clear(within(editor).getByLabelText('Login'));
    await userEvent.type(within(editor).getByLabelText('Login'), 'bpo2');
    await userEvent.click(within(editor).getByRole('button', { name: 'Save' }));

    // The call starts at once; the toast follows main's answer (after the replica is written): wait for that.
    await waitFor(() => expect(toastTexts()).toContain('success: Dealership Metro Toyota saved'));
    expect(updateDealership).toHaveBeenCalledTimes(1);
    expect(updateDealership).toHaveBeenCalledWith({
      id: 'd-1',
      patch: {
        brands: ['Lexus'],
        models: [
          { vehicleModel: 'Vios', productCode: 'VIOS-13' },
          { vehicleModel: 'Hilux', productCode: 'HILUX-24' },
        ],
        connection: { url: 'https://odoo.metro.example', database: 'metro', login: 'bpo2' },
      },
    });
  });

  it('sends a newly typed key, and Remove connection sends null', async () => {
    const db = await configReplica();
    const { updateDealership } = savingCrm(db);
    const editor = await openMetro(db);
    await userEvent.type(within(editor).getByLabelText('API key'), 'fresh-key');
    await userEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(updateDealership).toHaveBeenCalledWith({ id: 'd-1', patch: { connection: { url: 'https://odoo.metro.example', database: 'metro', login: 'bpo', apiKey: 'fresh-key' } } }));
    await waitFor(() => expect((within(editor).getByLabelText('API key') as HTMLInputElement).value).toBe(''));

    await userEvent.click(within(editor).getByRole('button', { name: 'Remove connection' }));
    expect(within(editor).getByText('The connection and its API key are removed when you save.')).toBeTruthy();
    await userEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(updateDealership).toHaveBeenLastCalledWith({ id: 'd-1', patch: { connection: null } }));
    await within(editor).findByRole('button', { name: 'Add connection' });
  });

  it('says the key must be entered again when the URL points to another server, and not for a path change', async () => {
    const db = await configReplica();
    savingCrm(db);
    const editor = await openMetro(db);
    const url = within(editor).getByLabelText('URL');
    await userEvent.type(url, '/odoo');
    expect(within(editor).queryByText(/enter the API key again/)).toBeNull();
    await userEvent.clear(url);
    await userEvent.type(url, 'https://odoo.elsewhere.example');
    expect(within(editor).getByRole('status').textContent).toContain('The URL now points to another server: enter the API key again.');
    await userEvent.type(within(editor).getByLabelText('API key'), 'key-for-elsewhere');
    expect(within(editor).queryByText(/enter the API key again/)).toBeNull();
  });

  it('validates a new dealership inline, naming each field, and sends nothing', async () => {
    const db = await configReplica();
    const { createDealership } = savingCrm(db);
    renderConfig(db, <DealershipsPanel />);
    await userEvent.click(await screen.findByRole('button', { name: 'New dealership' }));
    const editor = screen.getByRole('form', { name: 'New dealership' });
    await userEvent.type(within(editor).getByLabelText('Code'), 'bad code');
    await userEvent.type(within(editor).getByLabelText('Manager e-mail'), 'not-an-address');
    await userEvent.click(within(editor).getByRole('button', { name: 'Add vehicle model' }));
    await userEvent.type(within(editor).getByLabelText('Vehicle model, row 1'), 'City');
    await userEvent.click(within(editor).getByRole('button', { name: 'Add connection' }));
    await userEvent.type(within(editor).getByLabelText('URL'), 'ftp://dealer');
    await userEvent.click(within(editor).getByRole('button', { name: 'Add dealership' }));
    expect(alerts(editor)).toEqual([
      'Code: Letters, digits, "-", "_" and "." only, starting with a letter or digit',
      'Name: Must not be empty',
      'Manager e-mail: Must be an e-mail address like name@example.com',
      'Dealer product code (row 1): Must not be empty',
      'URL: Must be an http:// or https:// URL',
      'Database: Must not be empty',
      'Login: Must not be empty',
    ]);
    expect(createDealership).not.toHaveBeenCalled();
  });

  it("shows the hub's refusal as is", async () => {
    const db = await configReplica();
    stubCrm({ updateDealership: vi.fn(async () => refusal('already_exists', 'code: "BHN" is already used by another dealership.')) as never });
    const editor = await openMetro(db);
    await userEvent.clear(within(editor).getByLabelText('Code'));
    await userEvent.type(within(editor).getByLabelText('Code'), 'BHN');
    await userEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    expect((await within(editor).findByRole('alert')).textContent).toBe('code: "BHN" is already used by another dealership.');
  });

  it('Test Connection waits for saved changes, then lists each check with its result and message', async () => {
    const checks: ConnectionCheck[] = [
      { id: 'reachable', label: 'Odoo server reachable', ok: true, message: 'Odoo 18.0 answers at https://odoo.metro.example.' },
      { id: 'authentication', label: 'Sign-in with the API key', ok: true, message: 'Signed in as bpo on database metro.' },
      { id: 'order-create', label: 'Right to create Sales Orders', ok: false, message: 'The integration user may not create Sales Orders, so Mark as Won fails.' },
    ];
    const db = await configReplica();
    const testConnection = vi.fn(async () => answer({ checks, companies: [] }));
    savingCrm(db, testConnection);
    const editor = await openMetro(db);
    await userEvent.type(within(editor).getByLabelText('Name'), ' QC');
    expect(within(editor).getByRole('button', { name: 'Test Connection' })).toHaveProperty('disabled', true);
    expect(within(editor).getByText('Save your changes first: Test Connection uses the stored connection.')).toBeTruthy();
    await userEvent.click(within(editor).getByRole('button', { name: 'Revert' }));
    await userEvent.click(within(editor).getByRole('button', { name: 'Test Connection' }));
    expect(testConnection).toHaveBeenCalledWith({ dealershipId: 'd-1' });
    const results = await within(editor).findByRole('list', { name: 'Test Connection results' });
    expect(within(results).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '✓Odoo server reachableOKOdoo 18.0 answers at https://odoo.metro.example.',
      '✓Sign-in with the API keyOKSigned in as bpo on database metro.',
      '✕Right to create Sales OrdersFailedThe integration user may not create Sales Orders, so Mark as Won fails.',
    ]);
    expect(within(editor).getByRole('status').textContent).toBe('1 of 3 checks failed: Mark as Won will fail until they pass.');
  });

  it('offers the Odoo companies Test Connection read, and saves the one chosen with the connection', async () => {
    const companies = [
      { id: 1, name: 'Metro Toyota Inc.' },
      { id: 2, name: 'Metro Toyota North' },
    ];
    const db = await configReplica();
    const testConnection = vi.fn(async () => answer({ checks: [], companies }));
    const { updateDealership } = savingCrm(db, testConnection);
    const editor = await openMetro(db);
    const select = within(editor).getByLabelText('Odoo company');
    expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual(["The integration user's default company"]);
    expect(within(editor).getByText('Run Test Connection to list the companies the integration user may use.')).toBeTruthy();
    await userEvent.click(within(editor).getByRole('button', { name: 'Test Connection' }));
    await within(editor).findByRole('option', { name: 'Metro Toyota North' });
    await userEvent.selectOptions(select, 'Metro Toyota North');
    expect(within(editor).getByRole('button', { name: 'Test Connection' })).toHaveProperty('disabled', true);
    await userEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(updateDealership).toHaveBeenCalled());
    expect(updateDealership.mock.calls[0]?.[0]).toEqual({
      id: 'd-1',
      patch: { connection: { url: 'https://odoo.metro.example', database: 'metro', login: 'bpo', company: { id: 2, name: 'Metro Toyota North' } } },
    });
    expect(((await db.dealerships.get('d-1'))?.connection?.company)).toEqual({ id: 2, name: 'Metro Toyota North' });
    expect(within(editor).getByText('How the dealership sets up its Odoo')).toBeTruthy();
  });

  it("Test Connection shows the hub's error as is", async () => {
    const db = await configReplica();
    savingCrm(db, vi.fn(async () => refusal('forbidden', 'Only managers can run Test Connection.')));
    const editor = await openMetro(db);
    await userEvent.click(within(editor).getByRole('button', { name: 'Test Connection' }));
    expect((await within(editor).findByRole('alert')).textContent).toBe('Only managers can run Test Connection.');
  });

  it('cannot test a dealership without a stored connection', async () => {
    const db = await configReplica({ dealerships: [{ ...METRO, connection: null }] });
    savingCrm(db);
    const editor = await openMetro(db);
    expect(within(editor).getByRole('button', { name: 'Test Connection' })).toHaveProperty('disabled', true);
    expect(within(editor).getByText('Set and save an Odoo connection first.')).toBeTruthy();
  });
});
