import type { DbOrTx, Prisma } from '@iris/db';
import { openCartKey } from '../cart.repository.ts';

export interface OrderToRepeat {
  id: string;
  number: number;
  restaurantId: string;
  supplierId: string;
  lines: { productId: string; quantity: Prisma.Decimal; sku: string; name: string }[];
}

/** Reads for reorder and for adding guides to carts. */
export class ReorderRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /** An order's parties and lines (as ordered), in line order. */
  async order(orderId: string, tx: DbOrTx = this.#db): Promise<OrderToRepeat | null> {
    const row = await tx.order.findFirst({
      where: { id: orderId },
      select: {
        id: true,
        number: true,
        restaurantId: true,
        supplierId: true,
        lines: {
          where: { deletedAt: null },
          orderBy: { lineNo: 'asc' },
          select: { productId: true, quantity: true, sku: true, name: true },
        },
      },
    });
    return row;
  }

  /** The quantities in the restaurant's open cart with the supplier, by product. */
  async openCartQuantities(
    restaurantId: string,
    supplierId: string,
    tx: DbOrTx = this.#db,
  ): Promise<Map<string, Prisma.Decimal>> {
    const lines = await tx.cartLine.findMany({
      where: { cart: { openKey: openCartKey(restaurantId, supplierId), deletedAt: null } },
      select: { productId: true, quantity: true },
    });
    return new Map(lines.map((line) => [line.productId, line.quantity]));
  }
}
