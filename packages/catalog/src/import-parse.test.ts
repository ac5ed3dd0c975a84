import { describe, expect, it } from 'vitest';
import { AppError } from '@iris/core';
import { canonicalColumn, readCatalogFile, validateRow, type RawRow } from './import-parse.ts';

function validate(rows: RawRow[]) {
  return rows.map(validateRow);
}

describe('readCatalogFile (CSV)', () => {
  it('reads the header, maps aliases and keeps each row’s file line (blank lines and quoted breaks too)', () => {
    const file = readCatalogFile(
      'csv',
      'sku,name,List price (SEK),unit,vat_class,extra\n1,Mjölk,12.50,st,food,x\n\n2,"Grädde\nfet",20,st,food,y\n3,Smör,30,st,food,z\n',
    );
    expect(file.ignoredColumns).toEqual(['extra']);
    expect(file.rows.map((row) => row.line)).toEqual([2, 4, 6]);
    expect(file.rows[1]?.values).toMatchObject({ sku: '2', name: 'Grädde\nfet', price: '20' });
  });

  it('detects semicolons (Swedish spreadsheets) and a BOM', () => {
    const file = readCatalogFile('csv', '\uFEFFsku;name;price\n1;Mjölk;12,50\n');
    expect(file.rows[0]?.values).toMatchObject({ sku: '1', name: 'Mjölk', price: '12,50' });
  });

  it('reads a JSON file with a BOM', () => {
    const file = readCatalogFile('json', '\uFEFF[{"sku": "1", "name": "Mjölk"}]');
    expect(file.rows[0]?.values).toMatchObject({ sku: '1', name: 'Mjölk' });
  });

  it('refuses files it cannot read at all: IMPORT_FILE_INVALID', () => {
    for (const content of [
      '   ',
      'name,unit\nMjölk,st\n',
      'sku,name\n"1,Mjölk\n2,Smör\n',
      'sku,sku\n1,2\n',
    ]) {
      expect(() => readCatalogFile('csv', content)).toThrow(AppError);
    }
    expect(() => readCatalogFile('json', '{"sku": "1"}')).toThrow(/array/);
    expect(() => readCatalogFile('json', '[{"sku": "1"')).toThrow(AppError);
  });

  it('a row with another number of cells than the header is rejected with its line', () => {
    const file = readCatalogFile('csv', 'sku,name\n1,Mjölk\n2,Smör,extra\n');
    const [ok, bad] = validate(file.rows);
    expect(ok).toHaveProperty('item');
    expect(bad).toEqual({
      issues: [{ line: 3, field: '', message: expect.stringContaining('3 columns'), sku: '2' }],
    });
  });
});

describe('readCatalogFile (JSON)', () => {
  it('an array or { products }, camelCase keys, the index + 1 as line', () => {
    const file = readCatalogFile(
      'json',
      JSON.stringify({
        products: [
          { sku: 'A1', listPrice: 12.5, packSize: '1 l', imageUrls: ['https://x.example/a.jpg'] },
          'oops',
        ],
      }),
    );
    expect(file.rows[0]).toEqual({
      line: 1,
      values: { sku: 'A1', price: 12.5, pack_size: '1 l', image_urls: ['https://x.example/a.jpg'] },
    });
    expect(validateRow(file.rows[1]!)).toEqual({
      issues: [{ line: 2, field: '', message: 'Each item must be an object' }],
    });
  });
});

describe('validateRow', () => {
  const row = (values: RawRow['values'], line = 2): RawRow => ({ line, values });

  it('the shared catalogue’s columns: in_stock and vat_class', () => {
    expect(
      validateRow(
        row({
          sku: '100067',
          gtin: '7391453416535',
          name: 'Vispgrädde 36% 1 l',
          brand: 'Arla',
          category: 'Mejeri',
          unit: 'st',
          pack_size: '1 l',
          vat_class: 'food',
          price: '42.23',
          in_stock: 'false',
        }),
      ),
    ).toEqual({
      item: {
        line: 2,
        sku: '100067',
        gtin: '7391453416535',
        name: 'Vispgrädde 36% 1 l',
        brand: 'Arla',
        category: 'Mejeri',
        unit: 'st',
        packSize: '1 l',
        vatClass: 'food',
        price: '42.23',
        stockStatus: 'out_of_stock',
      },
    });
  });

  it('the general columns: vat_rate, stock_status, image_urls with |, active, comma decimals', () => {
    const result = validateRow(
      row({
        sku: 'X-1',
        vat_rate: '25%',
        stock_status: 'low_stock',
        image_urls: 'https://a.example/1.jpg | https://a.example/2.jpg',
        active: 'nej',
        price: '12,5',
        description: '',
      }),
    );
    expect(result).toEqual({
      item: {
        line: 2,
        sku: 'X-1',
        vatClass: 'standard',
        stockStatus: 'low_stock',
        imageUrls: ['https://a.example/1.jpg', 'https://a.example/2.jpg'],
        active: false,
        price: '12.5',
        description: null,
      },
    });
    expect(validateRow(row({ sku: '1', vat_rate: '12' }))).toMatchObject({ item: { vatClass: 'food' } });
  });

  it('reports every bad field of a row with its line', () => {
    const result = validateRow(
      row(
        {
          sku: '',
          gtin: '7391453416536',
          name: '',
          unit: 'bucket',
          vat_rate: '19',
          price: '0.0005',
          image_urls: 'http://insecure.example/a.jpg',
          in_stock: 'maybe',
        },
        7,
      ),
    );
    expect('issues' in result && result.issues.map((issue) => [issue.line, issue.field])).toEqual([
      [7, 'sku'],
      [7, 'name'],
      [7, 'unit'],
      [7, 'gtin'],
      [7, 'price'],
      [7, 'vat_rate'],
      [7, 'in_stock'],
      [7, 'image_urls'],
    ]);
  });

  it('canonical column names', () => {
    expect(canonicalColumn('List price (SEK)')).toBe('price');
    expect(canonicalColumn('packSize')).toBe('pack_size');
    expect(canonicalColumn('VAT')).toBe('vat_rate');
    expect(canonicalColumn('Pris')).toBeNull();
  });
});
