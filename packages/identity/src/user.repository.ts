import { includeDeleted, type DbOrTx, type UserRole } from '@iris/db';

export interface UserRecord {
  id: string;
  email: string;
  clerkUserId: string | null;
  role: UserRole;
  createdAt: Date;
}

const USER_SELECT = { id: true, email: true, clerkUserId: true, role: true, createdAt: true } as const;

/** The only code that knows how users are stored. */
export class UserRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  findById(id: string, tx: DbOrTx = this.#db): Promise<UserRecord | null> {
    return tx.user.findUnique({ where: { id }, select: USER_SELECT });
  }

  /** Emails are citext: the lookup is case-insensitive. */
  findByEmail(email: string, tx: DbOrTx = this.#db): Promise<UserRecord | null> {
    return tx.user.findUnique({ where: { email }, select: USER_SELECT });
  }

  findByClerkUserId(clerkUserId: string, tx: DbOrTx = this.#db): Promise<UserRecord | null> {
    return tx.user.findUnique({ where: { clerkUserId }, select: USER_SELECT });
  }

  /**
   * Creates the user or, when the email exists, returns that row unchanged — soft-deleted or not, so that
   * seeding never resurrects nor trips over a deleted user.
   */
  async ensure(
    data: { email: string; role: UserRole; clerkUserId: string },
    tx: DbOrTx = this.#db,
  ): Promise<UserRecord> {
    return tx.user.upsert({
      where: includeDeleted({ email: data.email }),
      create: data,
      update: {},
      select: USER_SELECT,
    });
  }
}
