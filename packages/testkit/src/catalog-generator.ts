import { loadSwedishCatalog, type CatalogProduct } from './catalog.ts';

/**
 * Deterministic generation of a realistic Swedish food-service assortment of any size, derived from the
 * 384 rows of the shared catalogue: other pack sizes and multipacks, other brands and the wholesalers'
 * private labels, eko/KRAV/MSC/Fairtrade/Svanen labels, wholesaler-style names, sub-categories, prices
 * around the list price with 2–3 decimals, GS1-valid GTINs and SKUs unique per supplier. The same options
 * always give the same rows, so tests, demo data and benchmarks are reproducible.
 */

export type GeneratedStockStatus = 'in_stock' | 'low_stock' | 'out_of_stock';

/** One generated article: the catalogue import's columns, as values. */
export interface GeneratedProduct {
  sku: string;
  /** GTIN-13 (EAN), GTIN-14 for multipacks, or null (loose produce), always with a valid check digit. */
  gtin: string | null;
  name: string;
  description: string;
  brand: string;
  /** Category path, names joined by "/" ("Mejeri/Grädde"), as category.path stores it. */
  category: string;
  /** st, kg, fp, dunk, säck or l: what one ordered quantity means. */
  unit: string;
  packSize: string;
  vatClass: 'food' | 'standard';
  /** SEK per unit, a decimal string with 2 or 3 decimals. */
  price: string;
  stockStatus: GeneratedStockStatus;
  imageUrls: string[];
  active: boolean;
}

export interface CatalogGeneratorOptions {
  /** How many products. */
  count: number;
  /** Same seed, same products; use one per supplier. */
  seed: string | number;
  /** The supplier's own private label, used on a share of the products besides Garant and Eldorado. */
  privateLabel?: string;
  /**
   * Weights by top-level category ("Kött": 3, "Mejeri": 2 …); categories left out are not generated. Without
   * it every category of the base catalogue, weighted by its number of base rows.
   */
  categoryWeights?: Readonly<Record<string, number>>;
  /** First SKU number (default: drawn from the seed, between 100000 and 499999). */
  skuStart?: number;
}

/** The columns of the catalogue import CSV, in order. */
export const CATALOG_IMPORT_COLUMNS = [
  'sku',
  'gtin',
  'name',
  'description',
  'brand',
  'category',
  'unit',
  'pack_size',
  'vat_class',
  'price',
  'stock_status',
  'image_urls',
  'active',
] as const;

// ─── GS1 ─────────────────────────────────────────────────────────────────────────────────────────────────

/** The GS1 mod-10 check digit of a GTIN body (all digits but the last): weights 3,1,3,1… from the right. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** GTIN-8, -12, -13 or -14 with a correct check digit. */
export function isValidGtin(gtin: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(gtin)) return false;
  return gtinCheckDigit(gtin.slice(0, -1)) === Number(gtin.at(-1));
}

// ─── Seeded randomness ───────────────────────────────────────────────────────────────────────────────────

/** mulberry32 over a 32-bit FNV-1a hash of the seed: fast, small, and good enough for test data. */
export function seededRandom(seed: string | number): () => number {
  let state = 0x811c9dc5;
  for (const char of String(seed)) {
    state ^= char.charCodeAt(0);
    state = Math.imul(state, 0x01000193);
  }
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rng {
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

function rng(seed: string | number): Rng {
  const next = seededRandom(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

// ─── Vocabulary ──────────────────────────────────────────────────────────────────────────────────────────

const PRIVATE_LABELS = ['Garant', 'Eldorado'] as const;

/** Produce carries its origin where other goods carry a brand. */
const ORIGINS = ['Svensk', 'Spansk', 'Nederländsk', 'Italiensk', 'Polsk', 'Dansk', 'Marockansk'] as const;

const SUBCATEGORIES: Readonly<Record<string, readonly [RegExp, string][]>> = {
  Mejeri: [
    [/grädd|crème/i, 'Grädde'],
    [/mjölk|dryck/i, 'Mjölk'],
    [/smör/i, 'Smör'],
    [/yoghurt|kvarg/i, 'Yoghurt & kvarg'],
  ],
  Ost: [
    [/västerbotten|parmigiano|grevé/i, 'Hårdost'],
    [/mozzarella|burrata|feta|halloumi/i, 'Färskost & vitost'],
  ],
  Kött: [
    [/färs/i, 'Färs'],
    [/oxfilé|entrecôte|högrev/i, 'Nöt'],
    [/fläsk/i, 'Fläsk'],
    [/lamm/i, 'Lamm'],
  ],
  Fågel: [
    [/kyckling/i, 'Kyckling'],
    [/ank/i, 'Anka'],
  ],
  'Fisk & skaldjur': [
    [/räkor|musslor|skagen/i, 'Skaldjur'],
    [/löjrom/i, 'Rom'],
    [/lax|torsk|sill/i, 'Fisk'],
  ],
  'Frukt & grönt': [
    [/potatis|lök|morötter/i, 'Rotfrukter & lök'],
    [/citron|lime|äpplen|jordgubbar/i, 'Frukt & bär'],
    [/koriander|dill|gräslök/i, 'Örter'],
    [/./, 'Grönsaker'],
  ],
  Torrvaror: [
    [/ris$/i, 'Ris'],
    [/spaghetti|penne/i, 'Pasta'],
    [/mjöl|socker|gryn|ströbröd/i, 'Mjöl & socker'],
    [/kikärtor/i, 'Baljväxter'],
  ],
  Fryst: [
    [/pommes/i, 'Potatisprodukter'],
    [/ärter|hallon|blåbär/i, 'Grönsaker & bär'],
    [/glass/i, 'Glass'],
    [/köttbullar|fiskpinnar/i, 'Färdigrätter'],
  ],
  Dryck: [
    [/vatten/i, 'Vatten'],
    [/juice/i, 'Juice'],
    [/^te |kaffe|espresso/i, 'Kaffe & te'],
  ],
  'Städ & engångs': [
    [/diskmedel|tvål|torkrulle/i, 'Rengöring'],
    [/./, 'Engångsartiklar'],
  ],
};

const STORAGE: Readonly<Record<string, string>> = {
  Mejeri: 'Förvaras kylt, högst +8 °C.',
  Ost: 'Förvaras kylt, högst +8 °C.',
  Ägg: 'Förvaras kylt.',
  Kött: 'Förvaras kylt, högst +4 °C.',
  Chark: 'Förvaras kylt, högst +8 °C.',
  Fågel: 'Förvaras kylt, högst +4 °C.',
  'Fisk & skaldjur': 'Förvaras kylt, högst +2 °C.',
  Fryst: 'Förvaras fryst, −18 °C eller kallare.',
  'Frukt & grönt': 'Förvaras svalt.',
  Torrvaror: 'Förvaras torrt i rumstemperatur.',
  Konserver: 'Förvaras torrt; öppnad förpackning i kyl.',
  'Oljor & vinäger': 'Förvaras mörkt i rumstemperatur.',
  'Kryddor & såser': 'Förvaras torrt; öppnad förpackning i kyl.',
  'Bröd & bageri': 'Förvaras torrt eller fryst.',
  Dryck: 'Förvaras svalt.',
};

const LABEL_TEXT: Readonly<Record<string, string>> = {
  Eko: 'Ekologisk.',
  KRAV: 'KRAV-märkt, ekologisk.',
  MSC: 'MSC-certifierat hållbart fiske.',
  ASC: 'ASC-certifierad odling.',
  Fairtrade: 'Fairtrade-märkt.',
  Svanen: 'Svanenmärkt.',
};

// ─── Pack sizes ──────────────────────────────────────────────────────────────────────────────────────────

type Measure = 'g' | 'ml' | 'count';

interface Pack {
  /** "ca" weights (sold per kg, the piece varies). */
  approx: boolean;
  measure: Measure;
  /** Grams, millilitres or pieces in the whole pack. */
  amount: number;
  /** Multipacks: how many inner packs of amount/multiple each. */
  multiple: number;
  /** The word after a count ("st", "påsar", "ark", "rullar", "-p"), or a suffix ("bag-in-box"). */
  word: string;
  /** How amounts under a litre are written: dl for dairy, cl for bottles, ml for sauces. */
  smallVolumeUnit: 'ml' | 'cl' | 'dl';
}

const MASS_LADDER = [250, 500, 1000, 1500, 2000, 2500, 3000, 5000, 10000, 20000, 25000];
const VOLUME_LADDER = [500, 1000, 2000, 2500, 3000, 5000, 10000, 20000];
const COUNT_LADDER = [6, 10, 12, 20, 24, 30, 48, 50, 100, 200, 250, 300, 500, 1000];
const MULTIPLES = [4, 6, 8, 10, 12];

const UNIT_FACTOR: Readonly<Record<string, [Measure, number]>> = {
  g: ['g', 1],
  kg: ['g', 1000],
  ml: ['ml', 1],
  cl: ['ml', 10],
  dl: ['ml', 100],
  l: ['ml', 1000],
};

function smallVolumeUnit(unit: string): 'ml' | 'cl' | 'dl' {
  return unit === 'ml' || unit === 'cl' ? unit : 'dl';
}

function parseNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

/** "2,5 kg", "ca 1 kg", "20 x 50 cl", "125 g x 8", "10 st", "180-p", "10 l bag-in-box" … or null. */
export function parsePackSize(text: string): Pack | null {
  let match = /^(\d+) x (\d+(?:,\d+)?) (g|kg|ml|cl|dl|l)$/.exec(text);
  const reversed = /^(\d+(?:,\d+)?) (g|kg|ml|cl|dl|l) x (\d+)$/.exec(text);
  if (match || reversed) {
    const [n, size, unit] = match
      ? [match[1]!, match[2]!, match[3]!]
      : [reversed![3]!, reversed![1]!, reversed![2]!];
    const [measure, factor] = UNIT_FACTOR[unit]!;
    const multiple = Number(n);
    return {
      approx: false,
      measure,
      amount: parseNumber(size) * factor * multiple,
      multiple,
      word: '',
      smallVolumeUnit: smallVolumeUnit(unit),
    };
  }
  match = /^(ca )?(\d+(?:,\d+)?) (g|kg|ml|cl|dl|l)( .+)?$/.exec(text);
  if (match) {
    const [measure, factor] = UNIT_FACTOR[match[3]!]!;
    return {
      approx: match[1] !== undefined,
      measure,
      amount: parseNumber(match[2]!) * factor,
      multiple: 1,
      word: match[4]?.trim() ?? '',
      smallVolumeUnit: smallVolumeUnit(match[3]!),
    };
  }
  match = /^(\d+)(?: (st|påsar|ark|rullar)|(-p))$/.exec(text);
  if (match) {
    return {
      approx: false,
      measure: 'count',
      amount: Number(match[1]),
      multiple: 1,
      word: match[2] ?? match[3]!,
      smallVolumeUnit: 'dl',
    };
  }
  return null;
}

function formatDecimal(value: number): string {
  return String(Math.round(value * 100) / 100).replace('.', ',');
}

function formatSingle(pack: Pack, amount: number): string {
  if (pack.measure === 'g') return amount >= 1000 ? `${formatDecimal(amount / 1000)} kg` : `${amount} g`;
  if (pack.measure === 'ml') {
    if (amount >= 1000) return `${formatDecimal(amount / 1000)} l`;
    const unit = pack.smallVolumeUnit;
    if (unit === 'dl' && amount % 100 === 0) return `${amount / 100} dl`;
    if (unit !== 'ml' && amount % 10 === 0) return `${amount / 10} cl`;
    return `${amount} ml`;
  }
  return String(amount);
}

export function formatPackSize(pack: Pack): string {
  if (pack.measure === 'count')
    return pack.word === '-p' ? `${pack.amount}-p` : `${pack.amount} ${pack.word}`;
  if (pack.multiple > 1) return `${pack.multiple} x ${formatSingle(pack, pack.amount / pack.multiple)}`;
  const single = formatSingle(pack, pack.amount);
  return `${pack.approx ? 'ca ' : ''}${single}${pack.word ? ` ${pack.word}` : ''}`;
}

/** Another pack of the same kind, between a quarter and ten times the original. */
function alternativePack(r: Rng, pack: Pack): Pack {
  if (pack.measure === 'count') {
    const options = COUNT_LADDER.filter(
      (n) => n !== pack.amount && n >= pack.amount / 4 && n <= pack.amount * 10,
    );
    return options.length === 0 ? pack : { ...pack, amount: r.pick(options) };
  }
  if (pack.multiple > 1) {
    const inner = pack.amount / pack.multiple;
    const multiple = r.pick(MULTIPLES.filter((n) => n !== pack.multiple));
    return { ...pack, multiple, amount: inner * multiple };
  }
  const ladder = pack.measure === 'g' ? MASS_LADDER : VOLUME_LADDER;
  // Catch-weight pieces ("ca 2 kg") come in a narrower range than packed goods.
  const [low, high] = pack.approx
    ? [pack.amount / 2, pack.amount * 2.5]
    : [pack.amount / 4, pack.amount * 10];
  const options = ladder.filter(
    (n) => n !== pack.amount && n >= Math.max(low, pack.approx ? 1000 : 0) && n <= high,
  );
  return options.length === 0 ? pack : { ...pack, amount: r.pick(options) };
}

// ─── Generation ──────────────────────────────────────────────────────────────────────────────────────────

interface BaseFamily {
  row: CatalogProduct;
  /** The name without its trailing pack size. */
  stem: string;
  pack: Pack | null;
  subcategory: string | null;
  /** Other brands of the same article in the base catalogue (origins, for produce). */
  otherBrands: readonly string[];
}

let families: BaseFamily[] | undefined;

function baseFamilies(): BaseFamily[] {
  if (families) return families;
  const rows = loadSwedishCatalog();
  const stemOf = (row: CatalogProduct) => {
    const suffix = ` ${row.packSize}`;
    return row.name.endsWith(suffix) ? row.name.slice(0, -suffix.length) : row.name;
  };
  const brandsByStem = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = brandsByStem.get(stemOf(row)) ?? new Set<string>();
    set.add(row.brand);
    brandsByStem.set(stemOf(row), set);
  }
  families = rows.map((row) => {
    const stem = stemOf(row);
    const subcategory =
      (SUBCATEGORIES[row.category] ?? []).find(([pattern]) => pattern.test(stem))?.[1] ?? null;
    const otherBrands =
      row.category === 'Frukt & grönt'
        ? ORIGINS.filter((origin) => origin !== row.brand)
        : [...(brandsByStem.get(stem) ?? [])].filter((brand) => brand !== row.brand);
    const pack = stem === row.name ? null : parsePackSize(row.packSize);
    return { row, stem, pack, subcategory, otherBrands };
  });
  return families;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

function pickLabel(r: Rng, family: BaseFamily): string | null {
  const { row, stem } = family;
  if (row.category === 'Fisk & skaldjur' && /lax|torsk|sill|räkor|musslor/i.test(stem)) {
    if (r.chance(0.3)) return /lax/i.test(stem) && r.chance(0.4) ? 'ASC' : 'MSC';
  }
  if (/^te |kaffe|espresso/i.test(stem) && r.chance(0.25)) return 'Fairtrade';
  if (row.category === 'Städ & engångs')
    return /diskmedel|tvål|torkrulle|servetter/i.test(stem) && r.chance(0.3) ? 'Svanen' : null;
  if (row.vatClass !== 'food') return null;
  const roll = r.next();
  if (roll < 0.1) return 'Eko';
  if (roll < 0.14 && ['Mejeri', 'Kött', 'Ägg', 'Frukt & grönt', 'Fågel', 'Torrvaror'].includes(row.category))
    return 'KRAV';
  return null;
}

function pickBrand(r: Rng, family: BaseFamily, privateLabels: readonly string[]): string {
  const { row } = family;
  // A brand that is part of the name ("Västerbottensost") stays.
  if (fold(family.stem).includes(fold(row.brand))) return row.brand;
  const roll = r.next();
  if (roll < 0.55) return row.brand;
  if (roll < 0.8 || row.category === 'Frukt & grönt') {
    return family.otherBrands.length > 0 ? r.pick(family.otherBrands) : row.brand;
  }
  return r.pick(privateLabels);
}

function roundPrice(r: Rng, value: number): string {
  const bounded = Math.max(value, 1);
  // Mostly whole öre; a share with 3 decimals, as unit prices may carry.
  return r.chance(0.3) ? bounded.toFixed(3) : bounded.toFixed(2);
}

function brandFactor(brand: string, privateLabels: readonly string[], baseBrand: string): number {
  if (privateLabels.includes(brand)) return 0.86;
  return brand === baseBrand ? 1 : 1.04;
}

const LABEL_FACTOR: Readonly<Record<string, number>> = {
  Eko: 1.22,
  KRAV: 1.28,
  MSC: 1.06,
  ASC: 1.05,
  Fairtrade: 1.12,
  Svanen: 1.04,
};

function gtinFor(r: Rng, used: Set<string>, multipack: boolean): string {
  for (;;) {
    // Swedish GS1 prefixes are 73x; a multipack (trade unit) gets a GTIN-14 with indicator digit 1.
    let body = `73${String(r.int(0, 9_999_999_999)).padStart(10, '0')}`;
    if (multipack) body = `1${body}`;
    const gtin = `${body}${gtinCheckDigit(body)}`;
    if (!used.has(gtin)) {
      used.add(gtin);
      return gtin;
    }
  }
}

/** N generated products for one supplier; deterministic for the options. */
export function generateCatalog(options: CatalogGeneratorOptions): GeneratedProduct[] {
  const r = rng(options.seed);
  const privateLabels = options.privateLabel
    ? [...PRIVATE_LABELS, options.privateLabel]
    : [...PRIVATE_LABELS];
  const all = baseFamilies();
  const weights = options.categoryWeights;
  const pool = weights ? all.filter((family) => (weights[family.row.category] ?? 0) > 0) : all;
  if (pool.length === 0) throw new Error('catalog generator: no base rows in the chosen categories');
  // Cumulative weights: a category's weight is spread over its base rows.
  const perCategory = new Map<string, number>();
  for (const family of pool)
    perCategory.set(family.row.category, (perCategory.get(family.row.category) ?? 0) + 1);
  const cumulative: number[] = [];
  let total = 0;
  for (const family of pool) {
    const category = family.row.category;
    total += weights ? weights[category]! / perCategory.get(category)! : 1;
    cumulative.push(total);
  }
  const drawFamily = () => {
    const x = r.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return pool[lo]!;
  };

  let sku = options.skuStart ?? r.int(100_000, 499_999);
  const gtins = new Set<string>();
  const seen = new Set<string>();
  const products: GeneratedProduct[] = [];
  for (let i = 0; i < options.count; i += 1) {
    let product: Draft | undefined;
    // A few tries for a name/brand/pack not generated yet; past that, duplicates are allowed (as in real
    // assortments, where the same article is sometimes listed twice).
    for (let attempt = 0; attempt < 6 && product === undefined; attempt += 1) {
      const candidate = generateOne(r, drawFamily(), privateLabels);
      const key = `${candidate.name}|${candidate.brand}|${candidate.unit}`;
      if (!seen.has(key) || attempt === 5) {
        seen.add(key);
        product = candidate;
      }
    }
    const { gtinKind, hasImage, ...rest } = product!;
    sku += r.int(1, 37);
    const gtin = gtinKind === 'none' ? null : gtinFor(r, gtins, gtinKind === 'gtin14');
    products.push({
      ...rest,
      sku: String(sku),
      gtin,
      imageUrls: hasImage ? [`https://images.iris.example/products/${gtin ?? sku}.jpg`] : [],
    });
  }
  return products;
}

/** A product before its SKU, GTIN and image URL (drawn once the product is kept). */
type Draft = Omit<GeneratedProduct, 'sku' | 'gtin' | 'imageUrls'> & {
  gtinKind: 'gtin13' | 'gtin14' | 'none';
  hasImage: boolean;
};

/** One product from a base row. */
function generateOne(r: Rng, family: BaseFamily, privateLabels: readonly string[]): Draft {
  const { row } = family;
  let pack = family.pack;
  let unit: string = row.unit;
  let price = row.listPrice.toNumber();
  let multipack = false;
  if (pack !== null) {
    const original = pack;
    const roll = r.next();
    const small =
      pack.measure !== 'count' &&
      pack.multiple === 1 &&
      !pack.approx &&
      pack.amount <= 1000 &&
      row.unit !== 'kg';
    if (small && roll < 0.12) {
      const multiple = r.pick(MULTIPLES);
      pack = { ...pack, multiple, amount: pack.amount * multiple, word: '' };
      unit = 'fp';
      multipack = true;
    } else if (roll < 0.55) {
      pack = alternativePack(r, pack);
    }
    const ratio = pack.amount / original.amount;
    // Per-pack prices scale with the size, with a bulk discount; per-kg prices barely move.
    price *= row.unit === 'kg' ? ratio ** -0.03 : ratio ** 0.92;
    // Large liquids are sometimes sold per litre.
    if (!multipack && pack.measure === 'ml' && pack.amount >= 5000 && unit !== 'kg' && r.chance(0.2)) {
      unit = 'l';
      price /= pack.amount / 1000;
    }
  }
  const brand = pickBrand(r, family, privateLabels);
  const label = pickLabel(r, family);
  price *=
    brandFactor(brand, privateLabels, row.brand) *
    (label ? LABEL_FACTOR[label]! : 1) *
    (0.92 + r.next() * 0.16);

  const packSize = pack === null ? row.packSize : formatPackSize(pack);
  const labelPart = label ? ` ${label}` : '';
  let name: string;
  if (pack === null) name = `${family.stem}${labelPart}`;
  else if (r.chance(0.08)) {
    // Wholesaler ERP style: "VISPGRÄDDE 36% 5L".
    name = `${family.stem.toUpperCase()}${labelPart.toUpperCase()} ${packSize.replace(/ (g|kg|ml|cl|dl|l)\b/g, (_, u: string) => u.toUpperCase())}`;
  } else name = `${family.stem}${labelPart} ${packSize}`;

  const category = family.subcategory ? `${row.category}/${family.subcategory}` : row.category;
  const storage = STORAGE[row.category];
  const description = [
    `${family.stem} från ${brand}, ${packSize}.`,
    label ? LABEL_TEXT[label] : undefined,
    unit === 'kg' ? 'Pris per kg.' : unit === 'l' ? 'Pris per liter.' : undefined,
    storage,
  ]
    .filter((part) => part !== undefined)
    .join(' ');

  const stockRoll = r.next();
  const stockStatus: GeneratedStockStatus = !row.inStock
    ? stockRoll < 0.6
      ? 'out_of_stock'
      : 'low_stock'
    : stockRoll < 0.9
      ? 'in_stock'
      : stockRoll < 0.97
        ? 'low_stock'
        : 'out_of_stock';

  // Loose produce often has no GTIN of its own.
  const hasGtin = !(row.category === 'Frukt & grönt' && r.chance(0.2));
  return {
    gtinKind: hasGtin ? (multipack ? 'gtin14' : 'gtin13') : 'none',
    name,
    description,
    brand,
    category,
    unit,
    packSize,
    vatClass: row.vatClass,
    price: roundPrice(r, price),
    stockStatus,
    hasImage: r.chance(0.3),
    active: r.chance(0.98),
  };
}

// ─── CSV ─────────────────────────────────────────────────────────────────────────────────────────────────

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The products as a catalogue import CSV (header row, the columns of CATALOG_IMPORT_COLUMNS; image URLs
 * separated by "|"). */
export function toCatalogImportCsv(products: readonly GeneratedProduct[]): string {
  const lines = [CATALOG_IMPORT_COLUMNS.join(',')];
  for (const p of products) {
    lines.push(
      [
        p.sku,
        p.gtin ?? '',
        p.name,
        p.description,
        p.brand,
        p.category,
        p.unit,
        p.packSize,
        p.vatClass,
        p.price,
        p.stockStatus,
        p.imageUrls.join('|'),
        String(p.active),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
