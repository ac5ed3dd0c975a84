import { AppError } from '@iris/core';
import type { Acting, AccessControl, Grant, Permission, SystemActing } from '@iris/identity';
import type { StatusChangeData } from './order.repository.ts';

export type OrderSide = 'restaurant' | 'supplier';

export interface OrderParties {
  id: string;
  restaurantId: string;
  supplierId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function orderNotFound(orderId: string): AppError {
  return new AppError('ORDER_NOT_FOUND', `No order ${orderId} that you can see.`);
}

/**
 * Which sides of an order the caller acts for. Unrelated callers do not see the order (404); a caller of
 * the other side sees it but may not do what only one side does (403); a side's member or key without the
 * permission is 403 too.
 */
export class OrderAccess {
  readonly #access: AccessControl;

  constructor(access: AccessControl) {
    this.#access = access;
  }

  /**
   * The side the caller acts for among `wanted` (the first that grants, in the order given) and its grant.
   * Throws ORDER_NOT_FOUND for unrelated callers and FORBIDDEN for related ones that are not enough.
   */
  async authorize(
    acting: Acting,
    parties: OrderParties,
    wanted: readonly OrderSide[],
    permission: Permission,
  ): Promise<{ side: OrderSide; grant: Grant }> {
    let refusal: AppError | undefined;
    for (const side of wanted) {
      const outcome = await this.#trySide(acting, parties, side, permission);
      if (outcome instanceof AppError) refusal ??= outcome;
      else if (outcome) return { side, grant: outcome };
    }
    if (refusal) throw refusal;
    const others = (['restaurant', 'supplier'] as const).filter((side) => !wanted.includes(side));
    for (const side of others) {
      if ((await this.#trySide(acting, parties, side, 'orders:read')) !== null) {
        throw new AppError('FORBIDDEN', `Only the ${wanted.join(' or ')} of this order can do this.`);
      }
    }
    throw orderNotFound(parties.id);
  }

  /** The caller acts for this restaurant or supplier (lists and carts): its grant, or 404 / 403. */
  organization(
    acting: Acting,
    organizationId: string,
    side: OrderSide,
    permission: Permission = 'orders:read',
  ): Promise<Grant> {
    return this.#access.organization(acting.actor, organizationId, {
      kind: side,
      memberRole: 'staff',
      permission,
    });
  }

  /** Every side the caller acts for (an admin: both), for rules that differ by side. */
  async sidesOf(acting: Acting, parties: OrderParties, permission: Permission): Promise<OrderSide[]> {
    const sides: OrderSide[] = [];
    let refusal: AppError | undefined;
    for (const side of ['restaurant', 'supplier'] as const) {
      const outcome = await this.#trySide(acting, parties, side, permission);
      if (outcome instanceof AppError) refusal ??= outcome;
      else if (outcome) sides.push(side);
    }
    if (sides.length === 0) throw refusal ?? orderNotFound(parties.id);
    return sides;
  }

  async #trySide(
    acting: Acting,
    parties: OrderParties,
    side: OrderSide,
    permission: Permission,
  ): Promise<Grant | AppError | null> {
    try {
      return await this.#access.organization(
        acting.actor,
        side === 'restaurant' ? parties.restaurantId : parties.supplierId,
        { kind: side, memberRole: 'staff', permission },
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'ORGANIZATION_NOT_FOUND') return null;
      if (error instanceof AppError && error.code === 'FORBIDDEN') return error;
      throw error;
    }
  }
}

/** Who made a change, as the order history records it. */
export function historyActor(
  acting: Acting | SystemActing,
): Pick<StatusChangeData, 'actorKind' | 'actorUserId' | 'actorServiceAccountId'> {
  const { actor } = acting;
  switch (actor.kind) {
    case 'user':
      return { actorKind: 'user', actorUserId: actor.userId, actorServiceAccountId: null };
    case 'service':
      return { actorKind: 'service', actorUserId: null, actorServiceAccountId: actor.serviceAccountId };
    case 'system':
      return { actorKind: 'system', actorUserId: null, actorServiceAccountId: null };
  }
}
