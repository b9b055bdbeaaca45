import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../src-shared/contract/entities.schema';
import { LEADS_CSV_COLUMNS, csvField, csvRecord, exportFileName, leadCsvFields } from './leads-csv';

describe('lead CSV fields', () => {
  it('quotes a field with a comma or a quote (RFC 4180), and only then', () => {
    expect(csvField('Juan Cruz')).toBe('Juan Cruz');
    expect(csvField('Cruz, Juan')).toBe('"Cruz, Juan"');
    expect(csvField('Juan "JJ" Cruz')).toBe('"Juan ""JJ"" Cruz"');
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
  });

  it("quotes a separator of any locale, so Excel set to ';' or tabs keeps one cell", () => {
    expect(csvField('x;=1+1')).toBe('"x;=1+1"');
    expect(csvField('Cruz;Juan')).toBe('"Cruz;Juan"');
    expect(csvField('Juan\tCruz')).toBe('"Juan\tCruz"');
    expect(csvRecord(['x;=1+1', 'y'])).toBe('"x;=1+1",y\r\n');
  });

  it('writes line breaks inside a field as spaces: one record per line', () => {
    expect(csvField('first\r\nsecond\nthird\rfourth')).toBe('first second third fourth');
    expect(csvRecord(['a\nb', 'c'])).toBe('a b,c\r\n');
  });

  it('neutralises what a spreadsheet would run as a formula with a leading apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvField(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    expect(csvField('+63 917 555 0101')).toBe("'+63 917 555 0101");
    expect(csvField('\r=1')).toBe("' =1");
    expect(csvField('a=1')).toBe('a=1');
    expect(csvField('LEAD/2026/00042')).toBe('LEAD/2026/00042');
  });

  it('maps a lead to the columns, with names for its ids and the lost reason as shown', () => {
    const lead: Lead = {
      id: '7',
      ref: 'LEAD/2026/00007',
      customer: { name: 'Maria Santos', phone: null, email: 'maria@mail.example' },
      brand: 'Toyota',
      vehicleModel: 'Vios',
      dealershipId: '3',
      source: 'Website',
      stageId: '5',
      userId: '2',
      createdAt: '2026-11-01T10:00:00.000Z',
      updatedAt: '2026-11-02T10:00:00.000Z',
      claimedAt: null,
      lostReason: 'model_unavailable',
      lostNotes: 'Wants the hybrid.',
      dealerSoName: null,
      wonFailure: null,
      version: 3,
    };
    const names = { stages: new Map([['5', 'Lost']]), users: new Map([['2', 'Ana Agent']]), dealerships: new Map([['3', 'Metro Toyota']]) };
    const fields = leadCsvFields(lead, names);
    expect(fields).toHaveLength(LEADS_CSV_COLUMNS.length);
    expect(Object.fromEntries(LEADS_CSV_COLUMNS.map((column, index) => [column, fields[index]]))).toEqual({
      Reference: 'LEAD/2026/00007',
      Customer: 'Maria Santos',
      Phone: null,
      Email: 'maria@mail.example',
      Brand: 'Toyota',
      'Vehicle model': 'Vios',
      Dealership: 'Metro Toyota',
      Source: 'Website',
      Stage: 'Lost',
      'Assigned agent': 'Ana Agent',
      Created: '2026-11-01T10:00:00.000Z',
      Updated: '2026-11-02T10:00:00.000Z',
      'Lost reason': 'Model Unavailable',
      'Dealer SO': null,
    });
  });

  it('names the file after the UTC date', () => {
    expect(exportFileName(new Date('2026-11-23T23:30:00Z'))).toBe('leads-2026-11-23.csv');
  });
});
