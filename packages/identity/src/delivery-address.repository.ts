import type { DbOrTx, Prisma } from '@iris/db';

export interface DeliveryAddressRecord {
  id: string;
  restaurantId: string;
  label: string;
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  country: string;
  instructions: string | null;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryAddressData {
  label: string;
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  country: string;
  instructions: string | null;
  isDefault: boolean;
}

export const DELIVERY_ADDRESS_SELECT = {
  id: true,
  restaurantId: true,
  label: true,
  line1: true,
  line2: true,
  postalCode: true,
  city: true,
  country: true,
  instructions: true,
  isDefault: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.DeliveryAddressSelect;

/** The only code that knows how delivery addresses are stored (soft-deleted rows are filtered out). */
export class DeliveryAddressRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /** The address, only if it belongs to `restaurantId`. */
  find(
    restaurantId: string,
    addressId: string,
    tx: DbOrTx = this.#db,
  ): Promise<DeliveryAddressRecord | null> {
    return tx.deliveryAddress.findFirst({
      where: { id: addressId, restaurantId },
      select: DELIVERY_ADDRESS_SELECT,
    });
  }

  count(restaurantId: string, tx: DbOrTx = this.#db): Promise<number> {
    return tx.deliveryAddress.count({ where: { restaurantId } });
  }

  create(
    restaurantId: string,
    data: DeliveryAddressData,
    tx: DbOrTx = this.#db,
  ): Promise<DeliveryAddressRecord> {
    return tx.deliveryAddress.create({ data: { restaurantId, ...data }, select: DELIVERY_ADDRESS_SELECT });
  }

  update(
    addressId: string,
    data: Partial<DeliveryAddressData>,
    tx: DbOrTx = this.#db,
  ): Promise<DeliveryAddressRecord> {
    return tx.deliveryAddress.update({ where: { id: addressId }, data, select: DELIVERY_ADDRESS_SELECT });
  }

  /** Clears the default flag of the restaurant's addresses other than `exceptId`. */
  async clearDefault(restaurantId: string, exceptId: string | null, tx: DbOrTx = this.#db): Promise<void> {
    await tx.deliveryAddress.updateMany({
      where: { restaurantId, isDefault: true, ...(exceptId ? { id: { not: exceptId } } : {}) },
      data: { isDefault: false },
    });
  }

  async softDelete(addressId: string, at: Date, tx: DbOrTx = this.#db): Promise<void> {
    await tx.deliveryAddress.updateMany({
      where: { id: addressId },
      data: { deletedAt: at, isDefault: false },
    });
  }

  findDefault(restaurantId: string, tx: DbOrTx = this.#db): Promise<{ id: string } | null> {
    return tx.deliveryAddress.findFirst({ where: { restaurantId, isDefault: true }, select: { id: true } });
  }

  /** The address that becomes default when the default one goes: the oldest remaining. */
  oldest(restaurantId: string, tx: DbOrTx = this.#db): Promise<{ id: string } | null> {
    return tx.deliveryAddress.findFirst({
      where: { restaurantId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
  }
}
