import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError, vatClassOfRate, type VatClassName } from '@iris/core';
import {
  ZBrand,
  ZCategoryPath,
  ZDescription,
  ZGtin,
  ZImageUrl,
  ZPackSize,
  ZProductName,
  ZSku,
  ZStockStatus,
  ZUnit,
  ZUnitPrice,
  ZVatClass,
  type StockStatusName,
} from './catalog.schemas.ts';

/**
 * Catalogue files (CSV or JSON) → rows with their line numbers, validated one by one. A file that cannot
 * be read at all is IMPORT_FILE_INVALID; a bad row is reported with its line, field and message, and the
 * good rows go on.
 */

export const IMPORT_FORMATS = ['csv', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** At most this many rows per file (about 4 MB of CSV: the file upload route takes up to 8 MiB). */
export const MAX_IMPORT_ROWS = 20_000;

/** The columns an import understands (canonical names). */
export const IMPORT_COLUMNS = [
  'sku',
  'gtin',
  'name',
  'description',
  'brand',
  'category',
  'unit',
  'pack_size',
  'vat_class',
  'vat_rate',
  'price',
  'stock_status',
  'in_stock',
  'image_urls',
  'active',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Other names for the columns (lower case, snake_case): the shared catalogue's and common ones. */
const COLUMN_ALIASES: Record<string, ImportColumn> = {
  list_price_sek: 'price',
  list_price: 'price',
  unit_price: 'price',
  price_sek: 'price',
  ean: 'gtin',
  pack: 'pack_size',
  packsize: 'pack_size',
  vat: 'vat_rate',
  images: 'image_urls',
  image_url: 'image_urls',
  title: 'name',
};

export interface RowIssue {
  /** CSV: the file's line (header = 1); JSON: the array index + 1. */
  line: number;
  field: string;
  message: string;
  sku?: string | undefined;
}

/** A row as read: the columns it has (present, maybe empty) and its line. */
export interface RawRow {
  line: number;
  values: Partial<Record<ImportColumn, unknown>>;
}

/** A valid row: `sku` and the fields the file gives (absent = left as they are on an existing product). */
export interface ImportItem {
  line: number;
  sku: string;
  gtin?: string | null;
  name?: string;
  description?: string | null;
  brand?: string | null;
  category?: string | null;
  unit?: string;
  packSize?: string | null;
  vatClass?: VatClassName;
  price?: string;
  stockStatus?: StockStatusName;
  imageUrls?: string[];
  active?: boolean;
}

export interface ParsedFile {
  rows: RawRow[];
  /** Columns of the file that are not understood (ignored). */
  ignoredColumns: string[];
}

function invalidFile(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('IMPORT_FILE_INVALID', message, details);
}

/** "List price (SEK)" → "list_price_sek", "packSize" → "pack_size". */
export function canonicalColumn(name: string): ImportColumn | null {
  const key = name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  if ((IMPORT_COLUMNS as readonly string[]).includes(key)) return key as ImportColumn;
  return COLUMN_ALIASES[key] ?? null;
}

/** The delimiter of a CSV file, from its header line: comma, semicolon (Swedish spreadsheets) or tab. */
function delimiterOf(content: string): string {
  const header = content.slice(0, content.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((delimiter) => ({
    delimiter,
    count: header.split(delimiter).length - 1,
  }));
  return counts.reduce((best, each) => (each.count > best.count ? each : best)).delimiter;
}

function headerOf(names: readonly string[]): { columns: (ImportColumn | null)[]; ignored: string[] } {
  const columns = names.map(canonicalColumn);
  const seen = new Set<ImportColumn>();
  for (const column of columns) {
    if (column === null) continue;
    if (seen.has(column)) throw invalidFile(`The column "${column}" appears twice.`, { column });
    seen.add(column);
  }
  if (!seen.has('sku')) throw invalidFile('The file has no "sku" column.');
  return { columns, ignored: names.filter((_, i) => columns[i] === null).map((name) => name.trim()) };
}

interface CsvRecord {
  record: string[];
  info: { lines: number; empty_lines: number };
}

function readCsv(content: string): ParsedFile {
  let records: CsvRecord[];
  try {
    records = parseCsv(content, {
      bom: true,
      delimiter: delimiterOf(content.replace(/^\uFEFF/, '')),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    throw invalidFile(
      `The CSV file cannot be read: ${error instanceof Error ? error.message : 'unknown error'}`,
      typeof line === 'number' ? { line } : undefined,
    );
  }
  const [header, ...data] = records;
  if (!header) throw invalidFile('The file is empty.');
  const { columns, ignored } = headerOf(header.record);
  if (data.length > MAX_IMPORT_ROWS) throw invalidFile(`At most ${MAX_IMPORT_ROWS} rows per file.`);
  const rows: RawRow[] = [];
  let previous = header.info;
  for (const { record, info } of data) {
    // A record may span lines (quoted line breaks): it starts after the previous one and the blank lines.
    const line = previous.lines + 1 + (info.empty_lines - previous.empty_lines);
    previous = info;
    const values: RawRow['values'] = {};
    if (record.length !== columns.length) {
      values.sku = record[columns.indexOf('sku')] ?? '';
      rows.push({ line, values: { ...values, __columns: record.length } as RawRow['values'] });
      continue;
    }
    columns.forEach((column, i) => {
      if (column !== null) values[column] = record[i];
    });
    rows.push({ line, values });
  }
  return { rows, ignoredColumns: ignored };
}

function readJson(content: string): ParsedFile {
  let parsed: unknown;
  try {
    // A BOM is fine, as in CSV (JSON.parse refuses one).
    parsed = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalidFile(
      `The JSON file cannot be read: ${error instanceof Error ? error.message : 'unknown error'}`,
    );
  }
  const items = Array.isArray(parsed)
    ? parsed
    : parsed !== null &&
        typeof parsed === 'object' &&
        Array.isArray((parsed as { products?: unknown }).products)
      ? (parsed as { products: unknown[] }).products
      : null;
  if (items === null) throw invalidFile('A JSON import is an array of products, or { "products": [ … ] }.');
  if (items.length > MAX_IMPORT_ROWS) throw invalidFile(`At most ${MAX_IMPORT_ROWS} rows per file.`);
  const ignored = new Set<string>();
  const rows = items.map((item, index): RawRow => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return { line: index + 1, values: { __notObject: true } as RawRow['values'] };
    }
    const values: RawRow['values'] = {};
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      const column = canonicalColumn(key);
      if (column === null) ignored.add(key);
      else values[column] = value;
    }
    return { line: index + 1, values };
  });
  return { rows, ignoredColumns: [...ignored] };
}

/** Reads a whole file; IMPORT_FILE_INVALID when it cannot be read at all. */
export function readCatalogFile(format: ImportFormat, content: string): ParsedFile {
  if (content.trim() === '') throw invalidFile('The file is empty.');
  return format === 'csv' ? readCsv(content) : readJson(content);
}

// ─── Row validation ──────────────────────────────────────────────────────────────────────────────────

/** A cell as text: JSON numbers and booleans become their text; null and undefined become "". */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

const TRUE = new Set(['true', '1', 'yes', 'ja', 'y', 'j']);
const FALSE = new Set(['false', '0', 'no', 'nej', 'n']);

function booleanOf(value: unknown): boolean | undefined {
  const cell = text(value)?.toLowerCase();
  if (cell === undefined || cell === null) return undefined;
  if (TRUE.has(cell)) return true;
  if (FALSE.has(cell)) return false;
  return undefined;
}

const ZRate = z
  .string()
  .transform((value) => value.replace('%', '').replace(',', '.').trim())
  .pipe(z.string().regex(/^\d+(\.\d+)?$/, 'A VAT rate: 25, 12 or 6'))
  .transform((value) => Number(value));

/**
 * Validates one row. Present-but-empty optional cells clear the field; present-but-empty required ones
 * (name, unit, VAT, price) are errors; absent columns leave an existing product's field as it is.
 */
export function validateRow(row: RawRow): { item: ImportItem } | { issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const values = row.values as Record<string, unknown>;
  const sku = text(values['sku']) ?? '';
  const issue = (field: string, message: string) =>
    issues.push({ line: row.line, field, message, sku: sku || undefined });

  if (values['__notObject']) {
    issue('', 'Each item must be an object');
    return { issues };
  }
  if (typeof values['__columns'] === 'number') {
    issue('', `The row has ${values['__columns']} columns, unlike the header`);
    return { issues };
  }

  const item: ImportItem = { line: row.line, sku: '' };
  const skuResult = ZSku.safeParse(sku);
  if (skuResult.success) item.sku = skuResult.data;
  else issue('sku', sku === '' ? 'sku is required' : (skuResult.error.issues[0]?.message ?? 'Invalid sku'));

  const has = (column: ImportColumn) => Object.prototype.hasOwnProperty.call(values, column);
  const cell = (column: ImportColumn): string | undefined => {
    const value = text(values[column]);
    if (value === null) {
      issue(column, 'Must be text or a number');
      return undefined;
    }
    return value;
  };
  const check = <T>(column: ImportColumn, schema: z.ZodType<T>, value: unknown): T | undefined => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    issue(column, result.error.issues[0]?.message ?? 'Invalid value');
    return undefined;
  };
  const required = <T>(column: ImportColumn, schema: z.ZodType<T>): T | undefined => {
    if (!has(column)) return undefined;
    const value = cell(column);
    if (value === undefined) return undefined;
    if (value === '') {
      issue(column, `${column} is required`);
      return undefined;
    }
    return check(column, schema, value);
  };
  const optional = <T>(column: ImportColumn, schema: z.ZodType<T>): T | null | undefined => {
    if (!has(column)) return undefined;
    const value = cell(column);
    if (value === undefined) return undefined;
    if (value === '') return null;
    return check(column, schema, value);
  };
  const assign = <K extends keyof ImportItem>(key: K, value: ImportItem[K] | undefined) => {
    if (value !== undefined) item[key] = value;
  };

  assign('name', required('name', ZProductName));
  assign('unit', required('unit', ZUnit));
  assign('gtin', optional('gtin', ZGtin));
  assign('description', optional('description', ZDescription));
  assign('brand', optional('brand', ZBrand));
  assign('category', optional('category', ZCategoryPath));
  assign('packSize', optional('pack_size', ZPackSize));

  if (has('price')) {
    const raw = typeof values['price'] === 'number' ? String(values['price']) : cell('price');
    if (raw === '') issue('price', 'price is required');
    else if (raw !== undefined) assign('price', check('price', ZUnitPrice, raw.replace(',', '.')));
  }

  if (has('vat_class') && cell('vat_class') !== '') {
    assign('vatClass', required('vat_class', ZVatClass));
  } else if (has('vat_rate')) {
    const rate = required('vat_rate', ZRate);
    if (rate !== undefined) {
      const vatClass = vatClassOfRate(rate);
      if (vatClass) item.vatClass = vatClass;
      else issue('vat_rate', 'A VAT rate of 25, 12 or 6');
    }
  } else if (has('vat_class')) {
    issue('vat_class', 'vat_class is required');
  }

  if (has('stock_status') && cell('stock_status') !== '') {
    assign('stockStatus', required('stock_status', ZStockStatus));
  } else if (has('in_stock') && cell('in_stock') !== '') {
    const inStock = booleanOf(values['in_stock']);
    if (inStock === undefined) issue('in_stock', 'true or false');
    else item.stockStatus = inStock ? 'in_stock' : 'out_of_stock';
  }

  if (has('image_urls')) {
    const raw = values['image_urls'];
    const urls = Array.isArray(raw)
      ? raw
      : (cell('image_urls') ?? '')
          .split('|')
          .map((url) => url.trim())
          .filter(Boolean);
    const parsed = check('image_urls', z.array(ZImageUrl).max(10), urls);
    if (parsed) item.imageUrls = parsed;
  }

  if (has('active') && cell('active') !== '') {
    const active = booleanOf(values['active']);
    if (active === undefined) issue('active', 'true or false');
    else item.active = active;
  }

  return issues.length > 0 ? { issues } : { item };
}

/** The fields a new product must have; an existing one may be updated with any subset. */
export const REQUIRED_FOR_NEW = [
  ['name', 'name'],
  ['unit', 'unit'],
  ['vatClass', 'vat_class'],
  ['price', 'price'],
] as const satisfies readonly (readonly [keyof ImportItem, string])[];
