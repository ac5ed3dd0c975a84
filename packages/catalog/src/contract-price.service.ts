import { z } from 'zod';
import { AppError, dec, parseInput, type Clock } from '@iris/core';
import { inTransaction, type Db, type Tx } from '@iris/db';
import type { Acting, AuditLog, Grant } from '@iris/identity';
import type { CatalogAccess } from './catalog-access.ts';
import { ZSku, ZUnitPrice } from './catalog.schemas.ts';
import type {
  ContractFilter,
  ContractPage,
  ContractPriceRecord,
  PriceRepository,
} from './price.repository.ts';
import type { ProductRepository } from './product.repository.ts';
import { isUuid } from './validation.ts';

const ZInstant = z.iso.datetime({ offset: true });

export const ZContractPriceSet = z
  .object({
    restaurantId: z.uuid(),
    productId: z.uuid().optional(),
    sku: ZSku.optional(),
    unitPrice: ZUnitPrice,
    validFrom: ZInstant.optional().meta({
      description: 'Start (ISO instant; default now, never in the past)',
    }),
    validTo: ZInstant.nullable()
      .optional()
      .meta({ description: 'End, exclusive (ISO instant); null or absent = until ended' }),
    reference: z
      .string()
      .trim()
      .max(100)
      .nullable()
      .optional()
      .meta({ description: "The contract's reference in the supplier's systems" }),
  })
  .refine((input) => (input.productId === undefined) !== (input.sku === undefined), {
    message: 'Give productId or sku (one of them)',
  });
export type ContractPriceSetInput = z.input<typeof ZContractPriceSet>;

export function contractPriceNotFound(id: string): AppError {
  return new AppError('CONTRACT_PRICE_NOT_FOUND', `No contract price ${id} that you can see.`);
}

/**
 * Contract prices: one restaurant's price for one product over a period, which beats every list. The
 * supplier's side sets, lists and ends them; a new contract closes the one in force at its start; one that
 * would overlap a later contract is refused (end or change that one first).
 */
export class ContractPriceService {
  readonly #db: Db;
  readonly #repo: PriceRepository;
  readonly #products: ProductRepository;
  readonly #access: CatalogAccess;
  readonly #audit: AuditLog;
  readonly #clock: Clock;

  constructor(deps: {
    db: Db;
    priceRepository: PriceRepository;
    products: ProductRepository;
    access: CatalogAccess;
    audit: AuditLog;
    clock: Clock;
  }) {
    this.#db = deps.db;
    this.#repo = deps.priceRepository;
    this.#products = deps.products;
    this.#access = deps.access;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
  }

  async set(
    acting: Acting,
    supplierId: string,
    input: ContractPriceSetInput,
  ): Promise<{ contract: ContractPriceRecord; changed: boolean }> {
    const grant = await this.#access.supplier(acting, supplierId, 'write');
    const data = parseInput(ZContractPriceSet, input);
    const now = this.#clock.now();
    const validFrom = data.validFrom ? new Date(data.validFrom) : now;
    const validTo = data.validTo ? new Date(data.validTo) : null;
    if (validFrom < now) throw invalid('validFrom', 'A contract price cannot start in the past.');
    if (validTo && validTo <= validFrom) throw invalid('validTo', 'The end must come after the start.');

    // Only the supplier's own customers (in any status) get contracts.
    const link = await this.#access.relationship(data.restaurantId, supplierId);
    if (!link) {
      throw new AppError(
        'CUSTOMER_RELATIONSHIP_NOT_FOUND',
        `Restaurant ${data.restaurantId} is not a customer of this supplier.`,
      );
    }
    return inTransaction(this.#db, async (tx) => {
      await this.#repo.lockSupplier(supplierId, tx);
      const product = await this.#product(supplierId, data.productId, data.sku, tx);
      const existing = await this.#repo.contractsFrom(data.restaurantId, product.id, validFrom, tx);
      const current = existing.find(
        (contract) =>
          contract.validFrom <= validFrom && (contract.validTo === null || contract.validTo > validFrom),
      );
      const reference = data.reference ?? null;
      if (
        current &&
        dec(current.unitPrice.toString()).equals(dec(data.unitPrice)) &&
        (current.validTo?.getTime() ?? null) === (validTo?.getTime() ?? null) &&
        current.reference === reference
      ) {
        return { contract: current, changed: false };
      }
      const later = existing.find(
        (contract) => contract.validFrom > validFrom && (validTo === null || contract.validFrom < validTo),
      );
      if (later) {
        throw new AppError(
          'CONFLICT',
          'A later contract price for this product overlaps this period: end or shorten it first.',
          { contractPriceId: later.id },
        );
      }
      if (current) {
        if (current.validFrom.getTime() === validFrom.getTime())
          await this.#repo.withdrawContract(current.id, now, tx);
        else await this.#repo.setContractValidTo(current.id, validFrom, tx);
      }
      const contract = await this.#repo.createContract(
        {
          supplierId,
          restaurantId: data.restaurantId,
          productId: product.id,
          unitPrice: data.unitPrice,
          validFrom,
          validTo,
          reference,
        },
        tx,
      );
      await this.#record(acting, grant, tx, contract, 'contract_price.set', {
        ...(current ? { replaces: current.id } : {}),
      });
      return { contract, changed: true };
    });
  }

  async list(
    acting: Acting,
    supplierId: string,
    filter: ContractFilter & { current?: boolean | undefined },
    page: ContractPage,
  ): Promise<ContractPriceRecord[]> {
    await this.#access.supplier(acting, supplierId, 'read');
    return this.#repo.listContracts(
      supplierId,
      { ...filter, at: filter.current ? this.#clock.now() : undefined },
      page,
    );
  }

  async get(acting: Acting, contractPriceId: string): Promise<ContractPriceRecord> {
    const { contract } = await this.#authorize(acting, contractPriceId, 'read');
    return contract;
  }

  /**
   * Ends a contract at `at` (default now): it stops applying then. One that has not started yet is
   * withdrawn. Ending one that already ended is refused (409).
   */
  async end(acting: Acting, contractPriceId: string, input: { at?: string | undefined } = {}) {
    const { contract, grant } = await this.#authorize(acting, contractPriceId, 'write');
    const now = this.#clock.now();
    const at = input.at ? new Date(parseInput(ZInstant, input.at)) : now;
    if (at < now) throw invalid('at', 'A contract cannot end in the past.');
    if (contract.validTo !== null && contract.validTo <= at) {
      throw new AppError('INVALID_STATE_TRANSITION', 'This contract price ends before then already.', {
        validTo: contract.validTo.toISOString(),
      });
    }
    return inTransaction(this.#db, async (tx) => {
      await this.#repo.lockSupplier(contract.supplierId, tx);
      const withdrawn = contract.validFrom >= at;
      if (withdrawn) await this.#repo.withdrawContract(contract.id, now, tx);
      else await this.#repo.setContractValidTo(contract.id, at, tx);
      await this.#record(acting, grant, tx, contract, 'contract_price.ended', {
        endsAt: at.toISOString(),
        ...(withdrawn ? { withdrawn: 'true' } : {}),
      });
      return { ...contract, validTo: withdrawn ? contract.validFrom : at, withdrawn };
    });
  }

  async #authorize(acting: Acting, id: string, mode: 'read' | 'write') {
    if (!isUuid(id)) throw contractPriceNotFound(id);
    const contract = await this.#repo.findContract(id);
    if (!contract) throw contractPriceNotFound(id);
    const grant = await this.#access.trySupplier(acting, contract.supplierId, mode);
    if (!grant) throw contractPriceNotFound(id);
    return { contract, grant };
  }

  async #product(supplierId: string, productId: string | undefined, sku: string | undefined, tx: Tx) {
    const [product] = productId
      ? await this.#products.findManyOfSupplier(supplierId, [productId], tx)
      : (await this.#products.findBySkus(supplierId, [sku ?? ''], tx)).filter((p) => p.deletedAt === null);
    if (!product) {
      throw new AppError(
        'PRODUCT_NOT_FOUND',
        'No such product of this supplier.',
        productId ? { productId } : { sku },
      );
    }
    return product;
  }

  #record(
    acting: Acting,
    grant: Grant,
    tx: Tx,
    contract: ContractPriceRecord,
    action: 'contract_price.set' | 'contract_price.ended',
    metadata: Record<string, string>,
  ): Promise<void> {
    return this.#audit.record(
      acting,
      {
        action,
        entityType: 'contract_price',
        entityId: contract.id,
        organizationId: contract.supplierId,
        metadata: {
          restaurantId: contract.restaurantId,
          productId: contract.productId,
          ...metadata,
          ...(grant.via === 'admin' ? { viaAdmin: true } : {}),
        },
      },
      tx,
    );
  }
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { issues: [{ path, message, code: 'custom' }] });
}
