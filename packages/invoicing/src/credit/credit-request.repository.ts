import {
  createdBefore,
  newestFirst,
  type Prisma,
  type DbOrTx,
  type NewestFirstPage,
  type Tx,
} from '@iris/db';

export interface CreditRequestRecord {
  id: string;
  invoiceId: string;
  invoiceNumber: string | null;
  restaurantId: string;
  supplierId: string;
  status: 'open' | 'credited' | 'withdrawn';
  amount: Prisma.Decimal;
  currency: string;
  reason: string;
  lines: Prisma.JsonValue;
  requestedByUserId: string | null;
  creditNoteInvoiceId: string | null;
  creditedAmount: Prisma.Decimal | null;
  creditedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const SELECT = {
  id: true,
  invoiceId: true,
  invoice: { select: { invoiceNumber: true } },
  restaurantId: true,
  supplierId: true,
  status: true,
  amount: true,
  currency: true,
  reason: true,
  lines: true,
  requestedByUserId: true,
  creditNoteInvoiceId: true,
  creditedAmount: true,
  creditedAt: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.CreditRequestSelect;

type Row = Prisma.CreditRequestGetPayload<{ select: typeof SELECT }>;

function toRecord({ invoice, ...row }: Row): CreditRequestRecord {
  return { ...row, invoiceNumber: invoice.invoiceNumber };
}

export interface NewCreditRequest {
  invoiceId: string;
  restaurantId: string;
  supplierId: string;
  amount: Prisma.Decimal;
  currency: string;
  reason: string;
  lines: Prisma.InputJsonValue;
  requestedByUserId: string | null;
}

/** Prisma for credit requests. */
export class CreditRequestRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async findById(id: string, tx: DbOrTx = this.#db): Promise<CreditRequestRecord | null> {
    const row = await tx.creditRequest.findFirst({ where: { id }, select: SELECT });
    return row ? toRecord(row) : null;
  }

  async forInvoice(invoiceId: string, tx: DbOrTx = this.#db): Promise<CreditRequestRecord[]> {
    const rows = await tx.creditRequest.findMany({
      where: { OR: [{ invoiceId }, { creditNoteInvoiceId: invoiceId }] },
      orderBy: newestFirst(),
      select: SELECT,
    });
    return rows.map(toRecord);
  }

  async list(
    scope: { restaurantId: string } | { supplierId: string },
    filter: { status?: 'open' | 'credited' | 'withdrawn' | undefined },
    page: NewestFirstPage,
  ): Promise<CreditRequestRecord[]> {
    const rows = await this.#db.creditRequest.findMany({
      where: {
        AND: [{ ...scope, ...(filter.status ? { status: filter.status } : {}) }, createdBefore(page.after)],
      },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: SELECT,
    });
    return rows.map(toRecord);
  }

  async create(data: NewCreditRequest, tx: Tx): Promise<CreditRequestRecord> {
    return toRecord(await tx.creditRequest.create({ data, select: SELECT }));
  }

  /** The request this credit note already settled (reconciling a credit note again finds it here). */
  async settledBy(creditNoteInvoiceId: string, tx: DbOrTx): Promise<CreditRequestRecord | null> {
    const row = await tx.creditRequest.findFirst({ where: { creditNoteInvoiceId }, select: SELECT });
    return row ? toRecord(row) : null;
  }

  /** Open requests of the restaurant to the supplier, oldest first (the first that fits is settled). */
  async open(restaurantId: string, supplierId: string, tx: DbOrTx): Promise<CreditRequestRecord[]> {
    const rows = await tx.creditRequest.findMany({
      where: { restaurantId, supplierId, status: 'open' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: SELECT,
    });
    return rows.map(toRecord);
  }

  async markCredited(
    id: string,
    data: { creditNoteInvoiceId: string; creditedAmount: Prisma.Decimal; creditedAt: Date },
    tx: Tx,
  ): Promise<boolean> {
    const { count } = await tx.creditRequest.updateMany({
      where: { id, status: 'open' },
      data: { ...data, status: 'credited' },
    });
    return count === 1;
  }

  async withdraw(id: string, tx: Tx): Promise<boolean> {
    const { count } = await tx.creditRequest.updateMany({
      where: { id, status: 'open' },
      data: { status: 'withdrawn' },
    });
    return count === 1;
  }
}
