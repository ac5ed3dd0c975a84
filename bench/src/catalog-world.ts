// The catalogue/ordering benchmark's world, loaded with direct SQL (INSERT … SELECT FROM unnest of column
// arrays, 10,000 rows a statement) because going through the services would take minutes: suppliers with
// generated catalogues, base and customer price lists, contract prices for one restaurant, restaurants that
// are active customers of several suppliers each, with owners, delivery addresses and Mon–Fri deliveries.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { productSearchText } from '@iris/catalog';
import { generateCatalog, seededRandom, type GeneratedProduct } from '@iris/testkit';

export interface WorldOptions {
  products: number;
  suppliers: number;
  restaurants: number;
  /** Each restaurant is a customer of between min and max suppliers (at most all of them). */
  suppliersPerRestaurant: readonly [number, number];
  /** Products of restaurant 0's first supplier with a contract price. */
  contractPrices: number;
  seed: string;
}

export interface WorldProduct {
  id: string;
  sku: string;
  gtin: string | null;
  name: string;
  brand: string;
  categoryId: string;
  /** Active and in stock: safe to put in a cart. */
  orderable: boolean;
}

export interface WorldSupplier {
  id: string;
  name: string;
  products: WorldProduct[];
}

export interface WorldRestaurant {
  id: string;
  name: string;
  clerkUserId: string;
  addressId: string;
  supplierIds: string[];
  /** Whether its relationships carry the suppliers' customer price list. */
  customerPriceList: boolean;
}

export interface World {
  suppliers: WorldSupplier[];
  restaurants: WorldRestaurant[];
  categories: { id: string; path: string }[];
  counts: Record<string, number>;
}

/** Validity start of every price: well before any date the benchmark runs at. */
const PRICES_VALID_FROM = '2026-01-01T00:00:00Z';

/** What search matches on, exactly as the catalogue service writes it. */
export function benchSearchText(product: GeneratedProduct): string {
  return productSearchText({ ...product, categoryPath: product.category });
}

interface BulkColumn {
  name: string;
  /** The array element type for unnest ("uuid", "text", "numeric" …). */
  type: string;
  /** SQL over the unnested value `{v}` (e.g. `{v}::"VatClass"`), default `{v}`. */
  expression?: string;
}

/**
 * INSERT … SELECT FROM unnest($1::t1[], $2::t2[], …): one round trip and one parse per chunk, no
 * per-row parameters. `constants` are SQL expressions for the columns every row shares ("updatedAt").
 */
async function bulkInsert(
  client: pg.ClientBase,
  table: string,
  columns: readonly BulkColumn[],
  values: readonly (readonly unknown[])[],
  constants: Readonly<Record<string, string>> = { updatedAt: 'now()' },
  chunk = 10_000,
): Promise<void> {
  const rows = values[0]?.length ?? 0;
  const names = [...columns.map((column) => column.name), ...Object.keys(constants)];
  const selects = [
    ...columns.map((column, i) => (column.expression ?? '{v}').replaceAll('{v}', `c${i}`)),
    ...Object.values(constants),
  ];
  const sql =
    `INSERT INTO "${table}" (${names.map((name) => `"${name}"`).join(', ')}) ` +
    `SELECT ${selects.join(', ')} FROM unnest(${columns.map((column, i) => `$${i + 1}::${column.type}[]`).join(', ')}) ` +
    `AS u(${columns.map((_, i) => `c${i}`).join(', ')})`;
  for (let start = 0; start < rows; start += chunk) {
    await client.query(
      sql,
      values.map((column) => column.slice(start, start + chunk)),
    );
  }
}

const SUPPLIER_NAMES = [
  'Grossist Syd',
  'Fjällfärsk',
  'Norrlandsgrossen',
  'Västkustens Fisk',
  'Mälardalens Partihandel',
  'Skånska Grönt',
  'Storköksbolaget',
  'Gårdsmejeriet Partner',
  'Kött & Chark Öst',
  'Bageripartner Väst',
];
const RESTAURANT_NAMES = [
  'Bistro',
  'Krog',
  'Brasserie',
  'Matsal',
  'Kök',
  'Trattoria',
  'Sushibar',
  'Pizzeria',
  'Café',
  'Lunchrestaurang',
];
const CITIES: readonly [string, string][] = [
  ['Stockholm', '111 57'],
  ['Göteborg', '411 05'],
  ['Malmö', '211 43'],
  ['Uppsala', '753 20'],
  ['Lund', '222 21'],
];
/** Fresh-food suppliers (every third) lean on these; the others carry the broad assortment. */
const FRESH_WEIGHTS = {
  Kött: 3,
  'Fisk & skaldjur': 3,
  Mejeri: 2,
  'Frukt & grönt': 3,
  Ost: 1,
  Chark: 1,
  Fågel: 2,
  Ägg: 1,
};

export async function loadWorld(client: pg.ClientBase, options: WorldOptions): Promise<World> {
  const random = seededRandom(options.seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const counts: Record<string, number> = {};

  // Suppliers and their catalogues (generated before any SQL, so the categories are known up front).
  const perSupplier = Math.floor(options.products / options.suppliers);
  const supplierRows = Array.from({ length: options.suppliers }, (_, i) => {
    const base = SUPPLIER_NAMES[i % SUPPLIER_NAMES.length]!;
    const name = i < SUPPLIER_NAMES.length ? base : `${base} ${Math.floor(i / SUPPLIER_NAMES.length) + 1}`;
    const count =
      i === options.suppliers - 1 ? options.products - perSupplier * (options.suppliers - 1) : perSupplier;
    const products = generateCatalog({
      count,
      seed: `${options.seed}:supplier:${i}`,
      privateLabel: base,
      ...(i % 3 === 1 ? { categoryWeights: FRESH_WEIGHTS } : {}),
    });
    return { id: randomUUID(), name, products };
  });

  // Categories: every path and its parents.
  const categoryIds = new Map<string, string>();
  const categoryRows: { id: string; parentId: string | null; name: string; path: string; depth: number }[] =
    [];
  for (const supplier of supplierRows) {
    for (const product of supplier.products) {
      const parts = product.category.split('/');
      for (let depth = 0; depth < parts.length; depth += 1) {
        const path = parts.slice(0, depth + 1).join('/');
        if (categoryIds.has(path)) continue;
        const id = randomUUID();
        categoryIds.set(path, id);
        const parentPath = parts.slice(0, depth).join('/');
        categoryRows.push({
          id,
          parentId: depth === 0 ? null : categoryIds.get(parentPath)!,
          name: parts[depth]!,
          path,
          depth,
        });
      }
    }
  }
  await bulkInsert(
    client,
    'category',
    [
      { name: 'id', type: 'uuid' },
      { name: 'parentId', type: 'uuid' },
      { name: 'name', type: 'text' },
      { name: 'path', type: 'text' },
      { name: 'depth', type: 'int' },
    ],
    [
      categoryRows.map((row) => row.id),
      categoryRows.map((row) => row.parentId),
      categoryRows.map((row) => row.name),
      categoryRows.map((row) => row.path),
      categoryRows.map((row) => row.depth),
    ],
  );
  counts['categories'] = categoryRows.length;

  // Organizations: suppliers (cut-off 23:59 the day before delivery, so tomorrow's delivery is always
  // still open while the benchmark runs) and restaurants.
  const restaurants: WorldRestaurant[] = Array.from({ length: options.restaurants }, (_, i) => ({
    id: randomUUID(),
    name: `${RESTAURANT_NAMES[i % RESTAURANT_NAMES.length]!} Bänk ${i + 1}`,
    clerkUserId: `user_bench_restaurant_${i + 1}`,
    addressId: randomUUID(),
    supplierIds: [],
    customerPriceList: i % 2 === 1,
  }));
  const organizations = [
    ...supplierRows.map((s) => ({ id: s.id, kind: 'supplier', name: `${s.name} AB` })),
    ...restaurants.map((r) => ({ id: r.id, kind: 'restaurant', name: r.name })),
  ];
  await bulkInsert(
    client,
    'organization',
    [
      { name: 'id', type: 'uuid' },
      { name: 'kind', type: 'text', expression: '{v}::"OrganizationKind"' },
      { name: 'name', type: 'text' },
    ],
    [organizations.map((o) => o.id), organizations.map((o) => o.kind), organizations.map((o) => o.name)],
    { organisationNumber: `'556036-0793'`, updatedAt: 'now()' },
  );
  await bulkInsert(client, 'supplier', [{ name: 'id', type: 'uuid' }], [supplierRows.map((s) => s.id)], {
    orderCutoff: `'{"cutoffTime":"23:59","leadDays":1}'::jsonb`,
    deliveryRegions: `'[{"name":"Sverige","postalCodePrefixes":["1","2","3","4","5","6","7","8","9"]}]'::jsonb`,
    updatedAt: 'now()',
  });
  await bulkInsert(client, 'restaurant', [{ name: 'id', type: 'uuid' }], [restaurants.map((r) => r.id)], {
    deliveryPreferences: `'{"earliestTime":"06:00","latestTime":"10:00","unattendedAllowed":false}'::jsonb`,
    updatedAt: 'now()',
  });
  await bulkInsert(
    client,
    'delivery_address',
    [
      { name: 'id', type: 'uuid' },
      { name: 'restaurantId', type: 'uuid' },
      { name: 'line1', type: 'text' },
      { name: 'city', type: 'text' },
      { name: 'postalCode', type: 'text' },
    ],
    [
      restaurants.map((r) => r.addressId),
      restaurants.map((r) => r.id),
      restaurants.map((_, i) => `Storgatan ${i + 1}`),
      restaurants.map((_, i) => CITIES[i % CITIES.length]![0]),
      restaurants.map((_, i) => CITIES[i % CITIES.length]![1]),
    ],
    { label: `'Restaurangen'`, isDefault: 'true', updatedAt: 'now()' },
  );

  // People: an owner per organization.
  const owners = [
    ...supplierRows.map((s, i) => ({
      id: randomUUID(),
      organizationId: s.id,
      role: 'supplier',
      clerkUserId: `user_bench_supplier_${i + 1}`,
    })),
    ...restaurants.map((r) => ({
      id: randomUUID(),
      organizationId: r.id,
      role: 'restaurant',
      clerkUserId: r.clerkUserId,
    })),
  ];
  await bulkInsert(
    client,
    'user',
    [
      { name: 'id', type: 'uuid' },
      { name: 'email', type: 'text', expression: '{v}::citext' },
      { name: 'clerkUserId', type: 'text' },
      { name: 'role', type: 'text', expression: '{v}::"UserRole"' },
    ],
    [
      owners.map((o) => o.id),
      owners.map((o) => `${o.clerkUserId.replaceAll('_', '-')}@bench.example`),
      owners.map((o) => o.clerkUserId),
      owners.map((o) => o.role),
    ],
  );
  await bulkInsert(
    client,
    'membership',
    [
      { name: 'id', type: 'uuid' },
      { name: 'organizationId', type: 'uuid' },
      { name: 'userId', type: 'uuid' },
    ],
    [owners.map(() => randomUUID()), owners.map((o) => o.organizationId), owners.map((o) => o.id)],
    { role: `'owner'::"MemberRole"`, updatedAt: 'now()' },
  );
  counts['organizations'] = organizations.length;

  // Products.
  const suppliers: WorldSupplier[] = [];
  const productColumns: unknown[][] = Array.from({ length: 15 }, () => []);
  for (const supplier of supplierRows) {
    const worldProducts: WorldProduct[] = [];
    for (const product of supplier.products) {
      const id = randomUUID();
      const categoryId = categoryIds.get(product.category)!;
      const row = [
        id,
        supplier.id,
        product.sku,
        product.gtin,
        product.name,
        product.description,
        product.brand,
        categoryId,
        product.unit,
        product.packSize,
        product.vatClass,
        product.stockStatus,
        product.imageUrls.join('|'),
        product.active,
        benchSearchText(product),
      ];
      row.forEach((value, i) => productColumns[i]!.push(value));
      worldProducts.push({
        id,
        sku: product.sku,
        gtin: product.gtin,
        name: product.name,
        brand: product.brand,
        categoryId,
        orderable: product.active && product.stockStatus === 'in_stock',
      });
    }
    suppliers.push({ id: supplier.id, name: supplier.name, products: worldProducts });
  }
  await bulkInsert(
    client,
    'product',
    [
      { name: 'id', type: 'uuid' },
      { name: 'supplierId', type: 'uuid' },
      { name: 'sku', type: 'text' },
      { name: 'gtin', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'description', type: 'text' },
      { name: 'brand', type: 'text' },
      { name: 'categoryId', type: 'uuid' },
      { name: 'unit', type: 'text' },
      { name: 'packSize', type: 'text' },
      { name: 'vatClass', type: 'text', expression: '{v}::"VatClass"' },
      { name: 'stockStatus', type: 'text', expression: '{v}::"StockStatus"' },
      {
        name: 'imageUrls',
        type: 'text',
        expression: `CASE WHEN {v} = '' THEN ARRAY[]::text[] ELSE string_to_array({v}, '|') END`,
      },
      { name: 'active', type: 'bool' },
      { name: 'searchText', type: 'text' },
    ],
    productColumns,
  );
  counts['products'] = productColumns[0]!.length;

  // Price lists: each supplier's base list with every product, and a customer list ("Avtalskunder") with
  // 2–10 % off on four products in ten, assigned to every other restaurant's relationships.
  const priceLists: { id: string; supplierId: string; name: string; kind: 'base' | 'customer' }[] = [];
  const entries: [string, string, string][] = [];
  const customerListOf = new Map<string, string>();
  for (const [s, supplier] of supplierRows.entries()) {
    const baseId = randomUUID();
    const customerId = randomUUID();
    priceLists.push({ id: baseId, supplierId: supplier.id, name: 'Grundprislista', kind: 'base' });
    priceLists.push({ id: customerId, supplierId: supplier.id, name: 'Avtalskunder', kind: 'customer' });
    customerListOf.set(supplier.id, customerId);
    supplier.products.forEach((product, p) => {
      const productId = suppliers[s]!.products[p]!.id;
      entries.push([baseId, productId, product.price]);
      if (random() < 0.4)
        entries.push([customerId, productId, (Number(product.price) * (0.9 + random() * 0.08)).toFixed(3)]);
    });
  }
  await bulkInsert(
    client,
    'price_list',
    [
      { name: 'id', type: 'uuid' },
      { name: 'supplierId', type: 'uuid' },
      { name: 'name', type: 'text' },
      { name: 'kind', type: 'text', expression: '{v}::"PriceListKind"' },
      // The base list names its supplier (at most one base list each).
      { name: 'baseOfSupplierId', type: 'uuid' },
    ],
    [
      priceLists.map((l) => l.id),
      priceLists.map((l) => l.supplierId),
      priceLists.map((l) => l.name),
      priceLists.map((l) => l.kind),
      priceLists.map((l) => (l.kind === 'base' ? l.supplierId : null)),
    ],
  );
  await bulkInsert(
    client,
    'price_list_entry',
    [
      { name: 'id', type: 'uuid' },
      { name: 'priceListId', type: 'uuid' },
      { name: 'productId', type: 'uuid' },
      { name: 'unitPrice', type: 'numeric' },
    ],
    [
      entries.map(() => randomUUID()),
      entries.map((e) => e[0]),
      entries.map((e) => e[1]),
      entries.map((e) => e[2]),
    ],
    { validFrom: `'${PRICES_VALID_FROM}'::timestamptz`, updatedAt: 'now()' },
  );
  counts['priceListEntries'] = entries.length;

  // Relationships: each restaurant an active customer of min–max suppliers, deliveries Mon–Fri, no minimum.
  const relationships: [string, string, string | null, string][] = [];
  for (const [r, restaurant] of restaurants.entries()) {
    const [min, max] = options.suppliersPerRestaurant;
    const n = Math.min(options.suppliers, int(min, max));
    const order = suppliers.map((s) => s.id).sort(() => random() - 0.5);
    restaurant.supplierIds = order.slice(0, n);
    for (const supplierId of restaurant.supplierIds) {
      relationships.push([
        supplierId,
        restaurant.id,
        restaurant.customerPriceList ? customerListOf.get(supplierId)! : null,
        `B-${r + 1}-${relationships.length + 1}`,
      ]);
    }
  }
  await bulkInsert(
    client,
    'customer_relationship',
    [
      { name: 'id', type: 'uuid' },
      { name: 'supplierId', type: 'uuid' },
      { name: 'restaurantId', type: 'uuid' },
      { name: 'priceListId', type: 'uuid' },
      { name: 'customerNumber', type: 'text' },
    ],
    [
      relationships.map(() => randomUUID()),
      relationships.map((x) => x[0]),
      relationships.map((x) => x[1]),
      relationships.map((x) => x[2]),
      relationships.map((x) => x[3]),
    ],
    {
      status: `'active'::"CustomerStatus"`,
      deliveryDays: 'ARRAY[1,2,3,4,5]',
      minimumOrderValue: '0',
      decidedAt: `'${PRICES_VALID_FROM}'::timestamptz`,
      updatedAt: 'now()',
    },
  );
  counts['relationships'] = relationships.length;

  // Contract prices: restaurant 0 with its first supplier, 15 % under list, on its staples first (what a
  // restaurant negotiates), so searches for them show contract prices.
  const first = restaurants[0]!;
  const contractSupplier = suppliers.find((s) => s.id === first.supplierIds[0])!;
  const listPrice = new Map(
    supplierRows.find((s) => s.id === contractSupplier.id)!.products.map((p) => [p.sku, p.price]),
  );
  const staple = /grädde|mjölk|smör|olivolja|kyckling|lax|potatis|tomat/i;
  const contracted = [
    ...contractSupplier.products.filter((p) => staple.test(p.name)),
    ...contractSupplier.products.filter((p) => !staple.test(p.name)),
  ].slice(0, options.contractPrices);
  await bulkInsert(
    client,
    'contract_price',
    [
      { name: 'id', type: 'uuid' },
      { name: 'productId', type: 'uuid' },
      { name: 'unitPrice', type: 'numeric' },
    ],
    [
      contracted.map(() => randomUUID()),
      contracted.map((p) => p.id),
      contracted.map((p) => (Number(listPrice.get(p.sku)) * 0.85).toFixed(3)),
    ],
    {
      supplierId: `'${contractSupplier.id}'::uuid`,
      restaurantId: `'${first.id}'::uuid`,
      validFrom: `'${PRICES_VALID_FROM}'::timestamptz`,
      reference: `'AVTAL-2026'`,
      updatedAt: 'now()',
    },
  );
  counts['contractPrices'] = contracted.length;

  await client.query('ANALYZE');
  return { suppliers, restaurants, categories: categoryRows.map(({ id, path }) => ({ id, path })), counts };
}
