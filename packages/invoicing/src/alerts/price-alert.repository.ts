import {
  createdBefore,
  newestFirst,
  type Prisma,
  type DbOrTx,
  type NewestFirstPage,
  type Tx,
} from '@iris/db';
import type { PriceAlertKind } from './price-alerts.ts';

export interface PriceAlertRecord {
  id: string;
  restaurantId: string;
  supplierId: string;
  invoiceId: string;
  invoiceLineId: string;
  productId: string | null;
  articleNumber: string | null;
  description: string;
  kind: PriceAlertKind;
  status: 'open' | 'acknowledged';
  invoicedUnitPrice: Prisma.Decimal;
  referenceUnitPrice: Prisma.Decimal;
  changePct: Prisma.Decimal;
  acknowledgedAt: Date | null;
  acknowledgedByUserId: string | null;
  createdAt: Date;
}

export type NewPriceAlert = Omit<
  PriceAlertRecord,
  'id' | 'status' | 'acknowledgedAt' | 'acknowledgedByUserId' | 'createdAt'
>;

const SELECT = {
  id: true,
  restaurantId: true,
  supplierId: true,
  invoiceId: true,
  invoiceLineId: true,
  productId: true,
  articleNumber: true,
  description: true,
  kind: true,
  status: true,
  invoicedUnitPrice: true,
  referenceUnitPrice: true,
  changePct: true,
  acknowledgedAt: true,
  acknowledgedByUserId: true,
  createdAt: true,
} as const satisfies Prisma.PriceAlertSelect;

/** Prisma for price alerts. */
export class PriceAlertRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async findById(id: string, tx: DbOrTx = this.#db): Promise<PriceAlertRecord | null> {
    return tx.priceAlert.findFirst({ where: { id }, select: SELECT });
  }

  async forInvoice(invoiceId: string, tx: DbOrTx = this.#db): Promise<PriceAlertRecord[]> {
    return tx.priceAlert.findMany({ where: { invoiceId }, orderBy: newestFirst(), select: SELECT });
  }

  async list(
    restaurantId: string,
    filter: { status?: 'open' | 'acknowledged' | undefined },
    page: NewestFirstPage,
  ): Promise<PriceAlertRecord[]> {
    return this.#db.priceAlert.findMany({
      where: {
        AND: [
          { restaurantId, ...(filter.status ? { status: filter.status } : {}) },
          createdBefore(page.after),
        ],
      },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: SELECT,
    });
  }

  /**
   * Inserts the alerts in one statement, skipping any whose line already has one of its kind (the unique
   * key); the rows inserted.
   */
  async createMany(alerts: readonly NewPriceAlert[], tx: Tx): Promise<PriceAlertRecord[]> {
    if (alerts.length === 0) return [];
    return tx.priceAlert.createManyAndReturn({ data: [...alerts], skipDuplicates: true, select: SELECT });
  }

  /** Removes open alerts (an acknowledged one is history and stays); how many went. */
  async removeOpen(ids: readonly string[], tx: Tx): Promise<number> {
    if (ids.length === 0) return 0;
    const { count } = await tx.priceAlert.deleteMany({ where: { id: { in: [...ids] }, status: 'open' } });
    return count;
  }

  async acknowledge(
    id: string,
    data: { acknowledgedAt: Date; acknowledgedByUserId: string | null },
    tx: Tx,
  ): Promise<boolean> {
    const { count } = await tx.priceAlert.updateMany({
      where: { id, status: 'open' },
      data: { ...data, status: 'acknowledged' },
    });
    return count === 1;
  }
}
