import type { CustomerStatus } from '@iris/db';
import type { Permission, ServiceActor, UserActor } from '@iris/identity';
import type { Principal } from '../../context.ts';
import type { ProcedureHarness } from '../../testing.ts';

/**
 * Test data for the catalogue procedures: suppliers and restaurants with an owner and a staff member,
 * customer relationships written straight to the database, and callers. Integration tests only.
 */
export interface Org {
  id: string;
  owner: UserActor;
  staff: UserActor;
}

export class CatalogFixtures {
  readonly #harness: ProcedureHarness;
  #counter = 0;

  constructor(harness: ProcedureHarness) {
    this.#harness = harness;
  }

  async supplier(name?: string): Promise<Org> {
    return this.#org('supplier', name);
  }

  async restaurant(name?: string): Promise<Org> {
    return this.#org('restaurant', name);
  }

  /** The restaurant becomes a customer of the supplier (active unless said otherwise). */
  async relate(
    restaurantId: string,
    supplierId: string,
    options: { status?: CustomerStatus; priceListId?: string | null } = {},
  ): Promise<string> {
    const relationship = await this.#harness.db.customerRelationship.create({
      data: {
        restaurantId,
        supplierId,
        status: options.status ?? 'active',
        priceListId: options.priceListId ?? null,
      },
      select: { id: true },
    });
    return relationship.id;
  }

  key(organizationId: string, permissions: Permission[]): Promise<ServiceActor> {
    return this.#harness.serviceActor(organizationId, permissions);
  }

  catalog(principal: Principal) {
    return this.#harness.caller(principal).catalog;
  }

  async #org(kind: 'supplier' | 'restaurant', name?: string): Promise<Org> {
    this.#counter += 1;
    const owner = await this.#harness.createUser(kind);
    const staff = await this.#harness.createUser(kind);
    const { id } = await this.#harness.createOrganization(
      kind,
      owner,
      name ?? `${kind === 'supplier' ? 'Grossist' : 'Bistro'} ${this.#counter}`,
    );
    await this.#harness.addMember(id, staff, 'staff');
    return { id, owner, staff };
  }
}
