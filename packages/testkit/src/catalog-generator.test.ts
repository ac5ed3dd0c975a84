import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  CATALOG_IMPORT_COLUMNS,
  formatPackSize,
  generateCatalog,
  gtinCheckDigit,
  isValidGtin,
  parsePackSize,
  toCatalogImportCsv,
} from './catalog-generator.ts';

describe('GS1 check digits', () => {
  it('computes the mod-10 check digit of known GTINs', () => {
    // Real EAN-13s and a GTIN-14 from the GS1 examples.
    expect(gtinCheckDigit('629104150021')).toBe(3); // 6291041500213 (GS1's example)
    expect(gtinCheckDigit('400638133393')).toBe(1); // 4006381333931
    expect(gtinCheckDigit('1001234567890')).toBe(2); // 10012345678902
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('4006381333932')).toBe(false);
    expect(isValidGtin('10012345678902')).toBe(true);
    expect(isValidGtin('12345')).toBe(false);
  });
});

describe('pack sizes', () => {
  it('parses and formats the shapes of the base catalogue', () => {
    for (const text of [
      '1 l',
      '5 dl',
      '2,5 kg',
      'ca 1,5 kg',
      '500 g',
      '10 st',
      '180-p',
      '100 påsar',
      '20 x 50 cl',
    ]) {
      const pack = parsePackSize(text);
      expect(pack, text).not.toBeNull();
      expect(formatPackSize(pack!)).toBe(text);
    }
    expect(parsePackSize('10 l bag-in-box')).toMatchObject({
      measure: 'ml',
      amount: 10000,
      word: 'bag-in-box',
    });
    expect(parsePackSize('125 g x 8')).toMatchObject({ measure: 'g', amount: 1000, multiple: 8 });
    expect(parsePackSize('knippe')).toBeNull();
  });
});

describe('generateCatalog', () => {
  it('gives the same products for the same seed and different ones for another', () => {
    const a = generateCatalog({ count: 500, seed: 'grossist-syd' });
    const b = generateCatalog({ count: 500, seed: 'grossist-syd' });
    const c = generateCatalog({ count: 500, seed: 'fjallfarsk' });
    expect(b).toEqual(a);
    expect(c.map((p) => p.sku)).not.toEqual(a.map((p) => p.sku));
    expect(c.map((p) => p.name)).not.toEqual(a.map((p) => p.name));
  });

  it('has unique SKUs and GTINs with valid check digits', () => {
    const products = generateCatalog({ count: 5000, seed: 1 });
    expect(products).toHaveLength(5000);
    expect(new Set(products.map((p) => p.sku)).size).toBe(5000);
    const gtins = products.flatMap((p) => (p.gtin === null ? [] : [p.gtin]));
    expect(gtins.length).toBeGreaterThan(4500);
    expect(new Set(gtins).size).toBe(gtins.length);
    for (const gtin of gtins) expect(isValidGtin(gtin), gtin).toBe(true);
    // Multipacks carry a GTIN-14 (trade unit), the rest EAN-13 with the Swedish 73 prefix.
    expect(gtins.some((gtin) => gtin.length === 14)).toBe(true);
    expect(gtins.filter((gtin) => gtin.length === 13).every((gtin) => gtin.startsWith('73'))).toBe(true);
  });

  it('makes realistic rows: varied packs, brands, labels, categories, prices and stock', () => {
    const products = generateCatalog({ count: 3000, seed: 'variety', privateLabel: 'Grossist Syd' });
    const names = new Set(products.map((p) => p.name));
    expect(names.size).toBeGreaterThan(1500);
    expect(products.some((p) => / Eko /.test(p.name))).toBe(true);
    expect(products.some((p) => / KRAV /.test(p.name))).toBe(true);
    expect(products.some((p) => / MSC /.test(p.name))).toBe(true);
    expect(products.some((p) => p.brand === 'Grossist Syd')).toBe(true);
    expect(products.some((p) => p.brand === 'Garant')).toBe(true);
    expect(products.some((p) => / x /.test(p.packSize) && p.unit === 'fp')).toBe(true);
    expect(new Set(products.map((p) => p.unit))).toEqual(new Set(['st', 'kg', 'fp', 'dunk', 'säck', 'l']));
    expect(products.some((p) => p.category === 'Mejeri/Grädde')).toBe(true);
    for (const p of products) {
      expect(p.price, p.name).toMatch(/^\d+\.\d{2,3}$/);
      expect(Number(p.price)).toBeGreaterThanOrEqual(1);
      expect(p.category.split('/')[0]).toBeTruthy();
      expect(p.description.length).toBeGreaterThan(10);
    }
    expect(products.some((p) => /^\d+\.\d{3}$/.test(p.price))).toBe(true);
    const inStock = products.filter((p) => p.stockStatus === 'in_stock').length;
    expect(inStock / products.length).toBeGreaterThan(0.8);
    expect(products.some((p) => p.stockStatus === 'out_of_stock')).toBe(true);
    expect(products.some((p) => p.vatClass === 'standard')).toBe(true);
  });

  it('prices a bigger pack of the same product higher, but less per kilo or litre', () => {
    const products = generateCatalog({ count: 4000, seed: 'prices' });
    const cream = products.filter(
      (p) => /^Vispgrädde 36% \d+ l$/.test(p.name) && p.brand === 'Arla' && p.unit === 'st',
    );
    const small = cream.filter((p) => p.packSize === '1 l').map((p) => Number(p.price));
    const large = cream.filter((p) => p.packSize === '5 l').map((p) => Number(p.price));
    expect(small.length).toBeGreaterThan(0);
    expect(large.length).toBeGreaterThan(0);
    expect(Math.min(...large)).toBeGreaterThan(Math.max(...small));
    expect(Math.max(...large) / 5).toBeLessThan(Math.max(...small) * 1.2);
  });

  it('keeps to the chosen categories', () => {
    const products = generateCatalog({
      count: 1000,
      seed: 'fresh',
      categoryWeights: { Kött: 3, 'Fisk & skaldjur': 3, Mejeri: 2, 'Frukt & grönt': 2 },
    });
    const top = new Set(products.map((p) => p.category.split('/')[0]));
    expect(top).toEqual(new Set(['Kött', 'Fisk & skaldjur', 'Mejeri', 'Frukt & grönt']));
  });

  it('generates a few thousand distinct products (the demo size)', () => {
    const products = generateCatalog({ count: 5000, seed: 'demo-size' });
    expect(products).toHaveLength(5000);
    expect(new Set(products.map((p) => p.sku)).size).toBe(5000);
  });
});

describe('toCatalogImportCsv', () => {
  it('writes the import columns, quoting commas, and parses back to the same values', () => {
    const products = generateCatalog({ count: 200, seed: 'csv' });
    const csv = toCatalogImportCsv(products);
    expect(csv.split('\n')[0]).toBe(CATALOG_IMPORT_COLUMNS.join(','));
    const rows: Record<string, string>[] = parse(csv, { columns: true });
    expect(rows).toHaveLength(200);
    rows.forEach((row, i) => {
      const p = products[i]!;
      expect(row).toEqual({
        sku: p.sku,
        gtin: p.gtin ?? '',
        name: p.name,
        description: p.description,
        brand: p.brand,
        category: p.category,
        unit: p.unit,
        pack_size: p.packSize,
        vat_class: p.vatClass,
        price: p.price,
        stock_status: p.stockStatus,
        image_urls: p.imageUrls.join('|'),
        active: String(p.active),
      });
    });
  });
});
