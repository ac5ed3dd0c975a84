import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { dec, type Dec } from '@iris/core';

/**
 * A realistic Swedish food-service assortment (SKU, GTIN, brand, category, unit, pack, VAT class, list
 * price), for demo data, tests and benchmarks. A copy of the team's shared catalogue ships in data/ so the
 * package works wherever the repository is cloned.
 */
export const CATALOG_CSV_PATH = fileURLToPath(new URL('../data/catalog-sv.csv', import.meta.url));

export const CATALOG_UNITS = ['st', 'kg', 'fp', 'dunk', 'säck'] as const;

const ZCatalogRow = z.object({
  sku: z.string().regex(/^\d+$/),
  gtin: z.string().regex(/^\d{8,14}$/),
  name: z.string().min(1),
  brand: z.string().min(1),
  category: z.string().min(1),
  unit: z.enum(CATALOG_UNITS),
  pack_size: z.string().min(1),
  vat_class: z.enum(['food', 'standard']),
  list_price_sek: z.string().regex(/^\d+(\.\d{1,3})?$/),
  in_stock: z.enum(['true', 'false']),
});

export interface CatalogProduct {
  sku: string;
  gtin: string;
  name: string;
  brand: string;
  category: string;
  unit: (typeof CATALOG_UNITS)[number];
  packSize: string;
  /** food (livsmedel: 12 % until 2026-03-31, 6 % from 2026-04-01) or standard (25 %). */
  vatClass: 'food' | 'standard';
  listPrice: Dec;
  inStock: boolean;
}

/** Parses and validates the catalogue; a bad row fails loudly with its line number. */
export function parseCatalogCsv(text: string): CatalogProduct[] {
  const records: unknown[] = parse(text, { columns: true, skip_empty_lines: true, trim: true });
  return records.map((record, index) => {
    const row = ZCatalogRow.safeParse(record);
    if (!row.success) {
      throw new Error(
        `catalog line ${index + 2}: ${row.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    }
    const r = row.data;
    return {
      sku: r.sku,
      gtin: r.gtin,
      name: r.name,
      brand: r.brand,
      category: r.category,
      unit: r.unit,
      packSize: r.pack_size,
      vatClass: r.vat_class,
      listPrice: dec(r.list_price_sek),
      inStock: r.in_stock === 'true',
    };
  });
}

let cached: CatalogProduct[] | undefined;

export function loadSwedishCatalog(): CatalogProduct[] {
  cached ??= parseCatalogCsv(readFileSync(CATALOG_CSV_PATH, 'utf8'));
  return cached;
}
