import { randomUUID } from 'node:crypto';
import { Prisma, type Db } from '@iris/db';
import { createJobsTestDatabase, type JobsTestDatabase } from '@iris/jobs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRestaurant } from '../capture/test-support.ts';
import { ReconcileRepository, type DuplicateProbe } from './reconcile.repository.ts';

let database: JobsTestDatabase;
let db: Db;
let repository: ReconcileRepository;

beforeAll(async () => {
  database = await createJobsTestDatabase({ applicationName: 'iris-reconcile-repository-test' });
  db = database.db;
  repository = new ReconcileRepository(db);
});

afterAll(async () => {
  await database?.close();
});

async function insertSupplier(organisationNumber: string): Promise<string> {
  const organization = await db.organization.create({
    data: {
      kind: 'supplier',
      name: `Grossist ${randomUUID().slice(0, 8)}`,
      organisationNumber,
      supplier: { create: {} },
    },
    select: { id: true },
  });
  return organization.id;
}

async function insertInvoice(input: {
  restaurantId: string;
  supplierId: string;
  status: 'matched' | 'approved' | 'needs_review';
  invoiceDate: string;
  invoiceNumber?: string;
  createdAt?: Date;
  lines: { productId: string | null; articleNumber: string | null; unitPrice: string; flags?: string[] }[];
}): Promise<string> {
  const invoice = await db.invoice.create({
    data: {
      restaurantId: input.restaurantId,
      supplierId: input.supplierId,
      status: input.status,
      fileName: 'faktura.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 1,
      contentHash: randomUUID(),
      storageKey: randomUUID(),
      invoiceNumber: input.invoiceNumber ?? null,
      invoiceDate: new Date(`${input.invoiceDate}T00:00:00Z`),
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      lines: {
        create: input.lines.map((line, index) => ({
          position: index + 1,
          description: 'Vispgrädde 36% 1 l',
          productId: line.productId,
          articleNumber: line.articleNumber,
          unitPrice: new Prisma.Decimal(line.unitPrice),
          flags: line.flags ?? [],
        })),
      },
    },
    select: { id: true },
  });
  return invoice.id;
}

describe('lastInvoicedPrices', () => {
  it('answers every key in one go: the newest price paid by product or article number, before the date', async () => {
    const restaurant = await insertRestaurant(db);
    const other = await insertRestaurant(db);
    const supplierId = await insertSupplier('556677-8899');
    const [cream, butter, flour] = [randomUUID(), randomUUID(), randomUUID()];
    const at = (status: 'matched' | 'approved' | 'needs_review', invoiceDate: string) => ({
      restaurantId: restaurant.id,
      supplierId,
      status,
      invoiceDate,
    });
    await insertInvoice({
      ...at('matched', '2026-04-01'),
      lines: [{ productId: cream, articleNumber: '100', unitPrice: '10' }],
    });
    // Matched by article number only (the line was never tied to a product).
    await insertInvoice({
      ...at('approved', '2026-04-10'),
      lines: [{ productId: null, articleNumber: '100', unitPrice: '11' }],
    });
    // Still in review, on or after the date, or flagged: not prices paid.
    await insertInvoice({
      ...at('needs_review', '2026-04-20'),
      lines: [{ productId: cream, articleNumber: '100', unitPrice: '99' }],
    });
    await insertInvoice({
      ...at('matched', '2026-05-01'),
      lines: [{ productId: cream, articleNumber: '100', unitPrice: '98' }],
    });
    await insertInvoice({
      ...at('matched', '2026-04-15'),
      lines: [{ productId: butter, articleNumber: '200', unitPrice: '50', flags: ['ARITHMETIC_MISMATCH'] }],
    });
    await insertInvoice({
      ...at('matched', '2026-04-05'),
      lines: [{ productId: butter, articleNumber: '200', unitPrice: '20' }],
    });
    const current = await insertInvoice({
      ...at('matched', '2026-04-25'),
      lines: [{ productId: cream, articleNumber: '100', unitPrice: '77' }],
    });
    // Another restaurant's price is not this one's.
    await insertInvoice({
      restaurantId: other.id,
      supplierId,
      status: 'matched',
      invoiceDate: '2026-04-28',
      lines: [{ productId: cream, articleNumber: '100', unitPrice: '500' }],
    });

    const prices = await repository.lastInvoicedPrices({
      restaurantId: restaurant.id,
      supplierId,
      keys: [
        { productId: cream, articleNumber: '100' },
        { productId: butter, articleNumber: null },
        { productId: flour, articleNumber: '300' },
        { productId: cream, articleNumber: null },
      ],
      before: new Date('2026-05-01T00:00:00Z'),
      excludeInvoiceId: current,
    });
    expect(prices.map((price) => price?.toFixed(3) ?? null)).toEqual(['11.000', '20.000', null, '10.000']);
  });

  it('asks nothing for no keys', async () => {
    const prices = await repository.lastInvoicedPrices({
      restaurantId: randomUUID(),
      supplierId: randomUUID(),
      keys: [],
      before: new Date('2026-05-01T00:00:00Z'),
      excludeInvoiceId: randomUUID(),
    });
    expect(prices).toEqual([]);
  });
});

describe('relationships', () => {
  it('finds the suppliers by organisation number (any spelling) and by customer number, with their earlier duplicates', async () => {
    const restaurant = await insertRestaurant(db);
    const dashed = await insertSupplier('556677-8899');
    const digits = await insertSupplier('5566778899');
    const unrelated = await insertSupplier('556000-0001');
    const stranger = await insertSupplier('556677-8899');
    for (const [supplierId, customerNumber, status] of [
      [dashed, 'K-1', 'active'],
      [digits, 'K-2', 'requested'],
      [unrelated, 'K-1', 'active'],
    ] as const)
      await db.customerRelationship.create({
        data: { supplierId, restaurantId: restaurant.id, customerNumber, status },
        select: { id: true },
      });
    const createdAt = new Date('2026-05-12T10:00:00Z');
    // The same number from `digits`, received earlier; and from `dashed`, received later.
    await insertInvoice({
      restaurantId: restaurant.id,
      supplierId: digits,
      status: 'matched',
      invoiceDate: '2026-05-12',
      invoiceNumber: 'F-1',
      createdAt: new Date('2026-05-12T09:00:00Z'),
      lines: [],
    });
    await insertInvoice({
      restaurantId: restaurant.id,
      supplierId: dashed,
      status: 'matched',
      invoiceDate: '2026-05-12',
      invoiceNumber: 'F-1',
      createdAt: new Date('2026-05-12T11:00:00Z'),
      lines: [],
    });
    const probe: DuplicateProbe = {
      invoiceId: randomUUID(),
      restaurantId: restaurant.id,
      invoiceNumber: 'F-1',
      documentType: 'invoice',
      createdAt,
    };

    const rows = await repository.relationships({
      restaurantId: restaurant.id,
      orgNumber: '556677-8899',
      customerNumber: 'K-1',
      probe,
    });
    const summary = (supplierId: string) => {
      const row = rows.find((candidate) => candidate.supplierId === supplierId);
      return row && [row.status, row.byOrgNumber, row.byCustomerNumber, row.earlierDuplicate];
    };
    expect(rows).toHaveLength(3);
    expect(summary(dashed)).toEqual(['active', true, true, false]);
    expect(summary(digits)).toEqual(['requested', true, false, true]);
    expect(summary(unrelated)).toEqual(['active', false, true, false]);
    // No relationship, no row, whatever its organisation number.
    expect(summary(stranger)).toBeUndefined();

    expect(await repository.earlierDuplicate(probe, digits)).toBe(true);
    expect(await repository.earlierDuplicate({ ...probe, documentType: 'credit_note' }, digits)).toBe(false);
    expect(
      await repository.relationships({
        restaurantId: restaurant.id,
        orgNumber: null,
        customerNumber: null,
        probe,
      }),
    ).toEqual([]);
  });
});
