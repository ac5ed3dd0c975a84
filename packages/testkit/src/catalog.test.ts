import { describe, expect, it } from 'vitest';
import { loadSwedishCatalog, parseCatalogCsv } from './catalog.ts';

describe('Swedish catalogue fixture', () => {
  it('loads every row with exact prices and quoted fields intact', () => {
    const products = loadSwedishCatalog();
    expect(products).toHaveLength(384);
    const milk = products.find((product) => product.sku === '100719');
    expect(milk).toMatchObject({
      name: 'Mellanmjölk 1,5% 1 l',
      brand: 'Arla',
      unit: 'st',
      vatClass: 'food',
      inStock: true,
    });
    expect(milk?.listPrice.toFixed(2)).toBe('13.67');
    expect(new Set(products.map((product) => product.sku)).size).toBe(products.length);
  });

  it('names the line of a bad row', () => {
    const csv =
      'sku,gtin,name,brand,category,unit,pack_size,vat_class,list_price_sek,in_stock\n1,7391453416535,A,B,C,st,1 l,food,1.00,true\n2,123,A,B,C,liter,1 l,food,1.00,true\n';
    expect(() => parseCatalogCsv(csv)).toThrow(/catalog line 3: gtin: .*unit: /);
  });
});
