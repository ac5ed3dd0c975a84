import { AppError } from '@iris/core';
import { inTransaction } from '@iris/db';
import type { Acting } from './actor.ts';
import { adminMetadata, changedFields, isUuid, requireUser } from './organization.helpers.ts';
import type { OrganizationPage, SupplierRecord } from './organization.repository.ts';
import {
  readDeliveryRegions,
  readOrderCutoff,
  type DeliveryRegion,
  type OrderCutoff,
  type SupplierCreate,
  type SupplierPatch,
} from './organization.schemas.ts';
import {
  recordOrganizationUpdate,
  supplierNotFound,
  type OrganizationListQuery,
  type OrganizationServiceDeps,
} from './organization.service.ts';

/** A supplier's directory entry: what every signed-in user may read. */
export interface SupplierProfile {
  id: string;
  name: string;
  deliveryRegions: DeliveryRegion[];
  orderCutoff: OrderCutoff | null;
}

/** The profile, plus what only the supplier's members, its API keys and admins see (null for others). */
export interface Supplier extends SupplierProfile {
  organisationNumber: string | null;
  membersCount: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toSupplierProfile(record: SupplierRecord): SupplierProfile {
  return {
    id: record.id,
    name: record.name,
    deliveryRegions: readDeliveryRegions(record.deliveryRegions),
    orderCutoff: readOrderCutoff(record.orderCutoff),
  };
}

/** Suppliers: a public directory profile, plus the organisation number and members for their own. */
export class SupplierService {
  readonly #deps: OrganizationServiceDeps;

  constructor(deps: OrganizationServiceDeps) {
    this.#deps = deps;
  }

  /** A supplier user (or an admin) creates a supplier and becomes its owner. */
  async create(acting: Acting, input: SupplierCreate): Promise<Supplier> {
    const user = requireUser(acting.actor, ['supplier', 'admin']);
    const id = await inTransaction(this.#deps.db, async (tx) => {
      const { id } = await this.#deps.organizations.createSupplier(
        { name: input.name, organisationNumber: input.organisationNumber },
        {
          deliveryRegions: input.deliveryRegions,
          orderCutoff: input.orderCutoff ?? {},
        },
        user.userId,
        tx,
      );
      await this.#deps.audit.record(
        acting,
        {
          action: 'organization.created',
          entityType: 'organization',
          entityId: id,
          organizationId: id,
          metadata: { kind: 'supplier', ownerUserId: user.userId, ...adminMetadata(user) },
        },
        tx,
      );
      return id;
    });
    const record = await this.#mustFind(id);
    return { ...toSupplierProfile(record), ...(await this.#details(record)) };
  }

  /** The directory: every signed-in caller may list suppliers' public profiles; `mine` narrows to theirs. */
  async list(
    acting: Acting,
    query: OrganizationListQuery & { mine?: boolean | undefined },
    page: OrganizationPage,
  ): Promise<SupplierProfile[]> {
    const actor = acting.actor;
    let ids: string[] | null = null;
    if (query.mine) {
      ids = await this.#deps.access.memberOrganizationIds(actor, 'supplier');
    }
    const records = await this.#deps.organizations.listSuppliers({ ids, q: query.q }, page);
    return records.map(toSupplierProfile);
  }

  /**
   * Any signed-in caller reads the public profile; the supplier's members, admins and its API keys with
   * organization:read also get the organisation number and the number of members.
   */
  async get(acting: Acting, supplierId: string): Promise<Supplier> {
    if (!isUuid(supplierId)) throw supplierNotFound(supplierId);
    const record = await this.#mustFind(supplierId);
    let insider = false;
    try {
      await this.#deps.access.organization(acting.actor, supplierId, {
        kind: 'supplier',
        memberRole: 'staff',
        permission: 'organization:read',
      });
      insider = true;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code !== 'ORGANIZATION_NOT_FOUND' && error.code !== 'FORBIDDEN') throw error;
    }
    const details = insider
      ? await this.#details(record)
      : {
          organisationNumber: null,
          membersCount: null,
          createdAt: record.createdAt,
          updatedAt: record.updatedAt,
        };
    return { ...toSupplierProfile(record), ...details };
  }

  /** Owners, admins and API keys with organization:write. */
  async update(acting: Acting, supplierId: string, patch: SupplierPatch): Promise<Supplier> {
    const grant = await this.#deps.access.organization(acting.actor, supplierId, {
      kind: 'supplier',
      memberRole: 'owner',
      permission: 'organization:write',
    });
    const record = await this.#mustFind(supplierId);
    const current = {
      name: record.name,
      organisationNumber: record.organisationNumber,
      deliveryRegions: readDeliveryRegions(record.deliveryRegions),
      orderCutoff: readOrderCutoff(record.orderCutoff),
    };
    const fields = changedFields(patch, current);
    if (fields.length > 0) {
      await inTransaction(this.#deps.db, async (tx) => {
        await this.#deps.organizations.updateSupplier(
          supplierId,
          {
            ...(patch.name !== undefined && fields.includes('name') ? { name: patch.name } : {}),
            ...(patch.organisationNumber !== undefined && fields.includes('organisationNumber')
              ? { organisationNumber: patch.organisationNumber }
              : {}),
          },
          {
            ...(patch.deliveryRegions !== undefined && fields.includes('deliveryRegions')
              ? { deliveryRegions: patch.deliveryRegions }
              : {}),
            ...(patch.orderCutoff !== undefined && fields.includes('orderCutoff')
              ? { orderCutoff: patch.orderCutoff ?? {} }
              : {}),
          },
          tx,
        );
        await recordOrganizationUpdate(this.#deps.audit, acting, grant, supplierId, 'supplier', fields, tx);
      });
    }
    const updated = await this.#mustFind(supplierId);
    return { ...toSupplierProfile(updated), ...(await this.#details(updated)) };
  }

  async #details(record: SupplierRecord) {
    return {
      organisationNumber: record.organisationNumber,
      membersCount: await this.#deps.organizations.countMembers(record.id),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
  }

  async #mustFind(supplierId: string): Promise<SupplierRecord> {
    const record = await this.#deps.organizations.findSupplier(supplierId);
    if (!record) throw supplierNotFound(supplierId);
    return record;
  }
}
