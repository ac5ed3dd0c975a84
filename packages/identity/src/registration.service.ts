import { AppError, type Clock, type Logger } from '@iris/core';
import { inTransaction, Prisma, type Db, type OrganizationKind, type Tx } from '@iris/db';
import type { UserActor } from './actor.ts';
import type { AuditLog } from './audit.ts';
import type { IdentityProvider } from './identity-provider.ts';
import { parseOrganisationNumber } from './organisation-number.ts';
import type { OrganizationRepository } from './organization.repository.ts';
import type { UserRecord, UserRepository } from './user.repository.ts';

/** Who may sign up by themselves: admins are made by admins, never by registration. */
export const REGISTRATION_ROLES = ['restaurant', 'supplier'] as const;
export type RegistrationRole = (typeof REGISTRATION_ROLES)[number];

export interface RegistrationInput {
  email: string;
  /** Goes to the identity provider and nowhere else: not stored, logged, audited or echoed in errors. */
  password: string;
  role: RegistrationRole;
  /** Created with the new user as its owner; its kind is the role's. */
  organization?: { name: string; organisationNumber: string } | undefined;
}

export interface RegisteredUser {
  id: string;
  email: string;
  role: RegistrationRole;
  createdAt: Date;
  organization: { id: string; kind: OrganizationKind; name: string; organisationNumber: string } | null;
}

export interface RegistrationDeps {
  db: Db;
  users: UserRepository;
  organizations: OrganizationRepository;
  provider: IdentityProvider;
  audit: AuditLog;
  clock: Clock;
  logger?: Logger | undefined;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

function emailTaken(): AppError {
  return new AppError('EMAIL_ALREADY_REGISTERED', 'An account with this email already exists.', {
    fields: ['email'],
  });
}

/**
 * Sign-up: the account at the identity provider (Clerk, or the local stand-in), then — in one transaction —
 * the Iris user, optionally its organization with the user as owner, and the audit entry. When the Iris
 * side fails after the provider created the account, the account is deleted again, so no half-registered
 * user remains on either side.
 */
export class RegistrationService {
  readonly #deps: RegistrationDeps;

  constructor(deps: RegistrationDeps) {
    this.#deps = deps;
  }

  async register(
    input: RegistrationInput,
    request: { requestId?: string | undefined; ip?: string | undefined } = {},
  ): Promise<RegisteredUser> {
    const { users, provider } = this.#deps;
    if (!(REGISTRATION_ROLES as readonly string[]).includes(input.role)) {
      throw new AppError('FORBIDDEN', 'Registration creates restaurant and supplier accounts only.');
    }
    const email = input.email.trim();
    const organization = input.organization ? this.#organizationOf(input.organization) : undefined;

    // Deleted users keep their email (only GDPR erasure frees it), so the check includes them.
    if (await users.findByEmailIncludingDeleted(email)) throw emailTaken();

    const { providerUserId } = await provider.createUser({
      email,
      password: input.password,
      role: input.role,
    });
    try {
      return await this.#persistWithRetry({ email, role: input.role, providerUserId, organization }, request);
    } catch (error) {
      await this.#compensate(providerUserId);
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  #organizationOf(organization: { name: string; organisationNumber: string }) {
    const organisationNumber = parseOrganisationNumber(organization.organisationNumber);
    const name = organization.name.trim();
    if (!organisationNumber || !name) {
      throw new AppError('VALIDATION_FAILED', 'The organization is not valid.', {
        issues: [
          ...(!name ? [{ path: 'organization.name', message: 'A name is required', code: 'too_small' }] : []),
          ...(!organisationNumber
            ? [
                {
                  path: 'organization.organisationNumber',
                  message: 'Not a valid Swedish organisation number (NNNNNN-NNNN)',
                  code: 'invalid_organisation_number',
                },
              ]
            : []),
        ],
      });
    }
    return { name, organisationNumber };
  }

  /**
   * Clerk sends `user.created` to our webhook as soon as it created the account; when that delivery wins
   * the race and inserts the user first, our insert meets its row: a second attempt adopts it.
   */
  async #persistWithRetry(
    data: PersistData,
    request: { requestId?: string | undefined; ip?: string | undefined },
  ): Promise<RegisteredUser> {
    try {
      return await inTransaction(this.#deps.db, (tx) => this.#persist(tx, data, request));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return inTransaction(this.#deps.db, (tx) => this.#persist(tx, data, request));
    }
  }

  async #persist(
    tx: Tx,
    data: PersistData,
    request: { requestId?: string | undefined; ip?: string | undefined },
  ): Promise<RegisteredUser> {
    const { users, organizations, audit } = this.#deps;
    const existing = await users.findByClerkUserIdIncludingDeleted(data.providerUserId, tx);
    const user: UserRecord =
      existing && existing.deletedAt === null
        ? existing
        : await users.create({ email: data.email, role: data.role, clerkUserId: data.providerUserId }, tx);
    const acting = {
      actor: {
        kind: 'user',
        userId: user.id,
        clerkUserId: data.providerUserId,
        role: data.role,
      } satisfies UserActor,
      requestId: request.requestId,
      ip: request.ip,
    };

    let organization: RegisteredUser['organization'] = null;
    if (data.organization) {
      const kind: OrganizationKind = data.role;
      const created =
        kind === 'restaurant'
          ? await organizations.createRestaurant(
              data.organization,
              { contactName: null, contactEmail: null, contactPhone: null, deliveryPreferences: {} },
              user.id,
              tx,
            )
          : await organizations.createSupplier(
              data.organization,
              { deliveryRegions: [], orderCutoff: {} },
              user.id,
              tx,
            );
      organization = { id: created.id, kind, ...data.organization };
      await audit.record(
        acting,
        {
          action: 'organization.created',
          entityType: 'organization',
          entityId: created.id,
          organizationId: created.id,
          metadata: { kind, via: 'registration' },
        },
        tx,
      );
    }

    await audit.record(
      acting,
      {
        action: 'user.registered',
        entityType: 'user',
        entityId: user.id,
        organizationId: organization?.id ?? null,
        metadata: { role: data.role, organizationId: organization?.id ?? null },
      },
      tx,
    );
    return { id: user.id, email: user.email, role: data.role, createdAt: user.createdAt, organization };
  }

  /** Best effort: the original failure is what the caller hears about; a failed undo is logged. */
  async #compensate(providerUserId: string): Promise<void> {
    try {
      await this.#deps.provider.deleteUser(providerUserId);
    } catch (error) {
      this.#deps.logger?.error(
        { err: error, providerUserId, provider: this.#deps.provider.name },
        'registration failed and the provider account could not be deleted again',
      );
    }
  }
}

interface PersistData {
  email: string;
  role: RegistrationRole;
  providerUserId: string;
  organization: { name: string; organisationNumber: string } | undefined;
}
