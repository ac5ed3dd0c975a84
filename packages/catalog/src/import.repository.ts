import { createdBefore, newestFirst, type DbOrTx, type Prisma, type NewestFirstPage } from '@iris/db';
import type { RowIssue } from './import-parse.ts';

export interface CatalogImportRecord {
  id: string;
  supplierId: string;
  format: string;
  contentHash: string;
  status: 'completed' | 'failed';
  totalRows: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  rejectedCount: number;
  errors: RowIssue[];
  actorUserId: string | null;
  actorServiceAccountId: string | null;
  createdAt: Date;
}

const IMPORT_SELECT = {
  id: true,
  supplierId: true,
  format: true,
  contentHash: true,
  status: true,
  totalRows: true,
  createdCount: true,
  updatedCount: true,
  unchangedCount: true,
  rejectedCount: true,
  errors: true,
  actorUserId: true,
  actorServiceAccountId: true,
  createdAt: true,
} as const satisfies Prisma.CatalogImportSelect;

type ImportRow = Prisma.CatalogImportGetPayload<{ select: typeof IMPORT_SELECT }>;

function toRecord(row: ImportRow): CatalogImportRecord {
  return { ...row, errors: Array.isArray(row.errors) ? (row.errors as unknown as RowIssue[]) : [] };
}

export type CatalogImportData = Omit<CatalogImportRecord, 'id' | 'createdAt'>;

/** The only code that knows how import runs are stored. */
export class CatalogImportRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async create(data: CatalogImportData, tx: DbOrTx = this.#db): Promise<CatalogImportRecord> {
    const row = await tx.catalogImport.create({
      data: { ...data, errors: data.errors as unknown as Prisma.InputJsonValue },
      select: IMPORT_SELECT,
    });
    return toRecord(row);
  }

  async findById(id: string, tx: DbOrTx = this.#db): Promise<CatalogImportRecord | null> {
    const row = await tx.catalogImport.findFirst({ where: { id }, select: IMPORT_SELECT });
    return row ? toRecord(row) : null;
  }

  /** Newest first; limit + 1 rows. */
  async list(
    supplierId: string,
    page: NewestFirstPage,
    tx: DbOrTx = this.#db,
  ): Promise<CatalogImportRecord[]> {
    const rows = await tx.catalogImport.findMany({
      where: {
        supplierId,
        ...createdBefore(page.after),
      },
      select: IMPORT_SELECT,
      orderBy: newestFirst(),
      take: page.limit + 1,
    });
    return rows.map(toRecord);
  }
}
