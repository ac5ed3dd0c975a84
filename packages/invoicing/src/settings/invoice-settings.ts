import { z } from 'zod';
import { dec, parseInput, type Clock, type Dec } from '@iris/core';
import { inTransaction, Prisma, type Db, type DbOrTx } from '@iris/db';
import type { AccessControl, Acting, AuditLog } from '@iris/identity';

/** A restaurant's reconciliation settings; the defaults apply until an owner saves some. */
export interface InvoiceSettings {
  organizationId: string;
  priceTolerancePct: Dec;
  quantityTolerancePct: Dec;
  priceAlertThresholdPct: Dec;
  orderWindowDays: number;
  /** False while the defaults apply. */
  saved: boolean;
  updatedAt: Date | null;
}

export const DEFAULT_INVOICE_SETTINGS = {
  priceTolerancePct: '0.5',
  quantityTolerancePct: '0.5',
  priceAlertThresholdPct: '2',
  orderWindowDays: 14,
} as const;

const zPercent = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,2}(\.\d{1,3})?$/, 'a percentage such as 0.5')
    .refine((value) => dec(value).lessThanOrEqualTo(max), `at most ${max}`);

export const ZInvoiceSettingsUpdate = z.object({
  priceTolerancePct: zPercent(50),
  quantityTolerancePct: zPercent(50),
  priceAlertThresholdPct: zPercent(50),
  orderWindowDays: z.number().int().min(1).max(90),
});
export type InvoiceSettingsUpdate = z.infer<typeof ZInvoiceSettingsUpdate>;

const SELECT = {
  organizationId: true,
  priceTolerancePct: true,
  quantityTolerancePct: true,
  priceAlertThresholdPct: true,
  orderWindowDays: true,
  updatedAt: true,
} as const;

/** Prisma for invoice settings. */
export class InvoiceSettingsRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async find(organizationId: string, tx: DbOrTx = this.#db): Promise<InvoiceSettings> {
    const row = await tx.invoiceSettings.findFirst({ where: { organizationId }, select: SELECT });
    if (!row)
      return {
        organizationId,
        priceTolerancePct: dec(DEFAULT_INVOICE_SETTINGS.priceTolerancePct),
        quantityTolerancePct: dec(DEFAULT_INVOICE_SETTINGS.quantityTolerancePct),
        priceAlertThresholdPct: dec(DEFAULT_INVOICE_SETTINGS.priceAlertThresholdPct),
        orderWindowDays: DEFAULT_INVOICE_SETTINGS.orderWindowDays,
        saved: false,
        updatedAt: null,
      };
    return {
      organizationId,
      priceTolerancePct: dec(row.priceTolerancePct.toString()),
      quantityTolerancePct: dec(row.quantityTolerancePct.toString()),
      priceAlertThresholdPct: dec(row.priceAlertThresholdPct.toString()),
      orderWindowDays: row.orderWindowDays,
      saved: true,
      updatedAt: row.updatedAt,
    };
  }

  async upsert(organizationId: string, data: InvoiceSettingsUpdate, tx: DbOrTx): Promise<void> {
    const values = {
      priceTolerancePct: new Prisma.Decimal(data.priceTolerancePct),
      quantityTolerancePct: new Prisma.Decimal(data.quantityTolerancePct),
      priceAlertThresholdPct: new Prisma.Decimal(data.priceAlertThresholdPct),
      orderWindowDays: data.orderWindowDays,
    };
    await tx.invoiceSettings.upsert({
      where: { organizationId },
      create: { organizationId, ...values },
      update: { ...values, deletedAt: null },
      select: { id: true },
    });
  }
}

/**
 * Tolerances, alert threshold and order window per restaurant. Members (any role), admins and keys with
 * invoices:read read them; owners (keys: invoices:write) change them, audited.
 */
export class InvoiceSettingsService {
  readonly #db: Db;
  readonly #repo: InvoiceSettingsRepository;
  readonly #access: AccessControl;
  readonly #audit: AuditLog;
  readonly #clock: Clock;

  constructor(deps: {
    db: Db;
    repository: InvoiceSettingsRepository;
    access: AccessControl;
    audit: AuditLog;
    clock: Clock;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repository;
    this.#access = deps.access;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
  }

  async get(acting: Acting, restaurantId: string): Promise<InvoiceSettings> {
    await this.#access.organization(acting.actor, restaurantId, {
      kind: 'restaurant',
      memberRole: 'staff',
      permission: 'invoices:read',
    });
    return this.#repo.find(restaurantId);
  }

  async update(acting: Acting, restaurantId: string, input: InvoiceSettingsUpdate): Promise<InvoiceSettings> {
    await this.#access.organization(acting.actor, restaurantId, {
      kind: 'restaurant',
      memberRole: 'owner',
      permission: 'invoices:write',
    });
    const data = parseInput(ZInvoiceSettingsUpdate, input);
    await inTransaction(this.#db, async (tx) => {
      const before = await this.#repo.find(restaurantId, tx);
      await this.#repo.upsert(restaurantId, data, tx);
      const changed = (
        ['priceTolerancePct', 'quantityTolerancePct', 'priceAlertThresholdPct'] as const
      ).filter((field) => !before[field].equals(dec(data[field])));
      await this.#audit.record(
        acting,
        {
          action: 'invoice_settings.updated',
          entityType: 'invoice_settings',
          entityId: restaurantId,
          organizationId: restaurantId,
          metadata: {
            changed: [
              ...changed,
              ...(before.orderWindowDays === data.orderWindowDays ? [] : ['orderWindowDays']),
            ],
            at: this.#clock.now().toISOString(),
          },
        },
        tx,
      );
    });
    return this.#repo.find(restaurantId);
  }
}
