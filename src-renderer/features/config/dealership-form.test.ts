import { describe, expect, it } from 'vitest';
import { createDealershipBodySchema, patchDealershipBodySchema } from '../../../src-shared/contract/config.schema';
import type { Dealership } from '../../../src-shared/contract/entities.schema';
import { addBrand, createBody, formOf, modelRow, patchBody } from './dealership-form';

const STORED: Dealership = {
  id: 'd-1',
  code: 'MTY',
  name: 'Metro Toyota',
  brands: ['Toyota'],
  managerEmail: 'boss@metro.example',
  models: [{ vehicleModel: 'Vios', productCode: 'VIOS-13' }],
  connection: { url: 'https://odoo.metro.example', database: 'metro', login: 'bpo', hasApiKey: true, company: null },
};

describe('dealership form', () => {
  it('changes nothing when the form is as stored, and never sends the API key unless typed', () => {
    expect(patchBody(STORED, formOf(STORED))).toEqual({});
    const form = formOf(STORED);
    expect(form.connection?.apiKey).toBe('');
  });

  it('sends only the changed fields; a changed connection goes whole without the key (the stored one is kept)', () => {
    const form = formOf(STORED);
    form.name = 'Metro Toyota QC';
    form.models = [...form.models, modelRow('Hilux', 'HILUX-24')];
    form.connection = { ...form.connection!, login: 'bpo2' };
    const patch = patchBody(STORED, form);
    expect(patch).toEqual({
      name: 'Metro Toyota QC',
      models: [
        { vehicleModel: 'Vios', productCode: 'VIOS-13' },
        { vehicleModel: 'Hilux', productCode: 'HILUX-24' },
      ],
      connection: { url: 'https://odoo.metro.example', database: 'metro', login: 'bpo2' },
    });
    expect(patchDealershipBodySchema.safeParse(patch).success).toBe(true);
  });

  it('sends a typed key, removes a connection with null, clears the manager e-mail with ""', () => {
    const withKey = formOf(STORED);
    withKey.connection = { ...withKey.connection!, apiKey: 'new-key' };
    expect(patchBody(STORED, withKey)['connection']).toEqual({ url: 'https://odoo.metro.example', database: 'metro', login: 'bpo', apiKey: 'new-key' });
    const removed = formOf(STORED);
    removed.connection = null;
    removed.managerEmail = '';
    expect(patchBody(STORED, removed)).toEqual({ connection: null, managerEmail: '' });
    expect(patchDealershipBodySchema.parse({ managerEmail: '' }).managerEmail).toBeNull();
  });

  it('builds a create body the schema accepts, and names the fields it refuses', () => {
    const form = formOf(null);
    form.code = 'BHN';
    form.name = 'Bay Honda';
    form.brands = ['Honda'];
    expect(createDealershipBodySchema.safeParse(createBody(form)).success).toBe(true);
    form.models = [modelRow('City', '')];
    form.connection = { url: 'ftp://x', database: '', login: 'bpo', apiKey: '', company: null };
    const paths = createDealershipBodySchema.safeParse(createBody(form)).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(['models.0.productCode', 'connection.url', 'connection.database']);
  });

  it('sends the chosen Odoo company with the connection, and null when it is taken away', () => {
    const chosen = formOf(STORED);
    chosen.connection = { ...chosen.connection!, company: { id: 2, name: 'Metro North' } };
    const patch = patchBody(STORED, chosen);
    expect(patch).toEqual({ connection: { url: 'https://odoo.metro.example', database: 'metro', login: 'bpo', company: { id: 2, name: 'Metro North' } } });
    expect(patchDealershipBodySchema.safeParse(patch).success).toBe(true);
    const withCompany: Dealership = { ...STORED, connection: { ...STORED.connection!, company: { id: 2, name: 'Metro North' } } };
    expect(patchBody(withCompany, formOf(withCompany))).toEqual({});
    const cleared = formOf(withCompany);
    cleared.connection = { ...cleared.connection!, company: null };
    expect(patchBody(withCompany, cleared)).toEqual({ connection: { url: 'https://odoo.metro.example', database: 'metro', login: 'bpo', company: null } });
  });

  it('adds a brand once, trimmed', () => {
    expect(addBrand(['Toyota'], ' Lexus ')).toEqual(['Toyota', 'Lexus']);
    expect(addBrand(['Toyota'], 'toyota')).toEqual(['Toyota']);
    expect(addBrand(['Toyota'], '  ')).toEqual(['Toyota']);
  });
});
