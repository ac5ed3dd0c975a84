import { includeDeleted, type DbOrTx } from '@iris/db';

/**
 * What GDPR erasure removes beyond the user row: the only code that knows where else a user's personal
 * data sits. Hard deletes (deleteMany is not soft-delete filtered, so deleted rows go too).
 */
export class ErasureRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async deleteMemberships(userId: string, tx: DbOrTx = this.#db): Promise<number> {
    const { count } = await tx.membership.deleteMany({ where: { userId } });
    return count;
  }

  /** Invitations addressed to the email (citext: any casing), whatever their state. */
  async deleteInvitationsTo(email: string, tx: DbOrTx = this.#db): Promise<number> {
    const { count } = await tx.invitation.deleteMany({ where: { email } });
    return count;
  }

  /**
   * A restaurant whose contact email is the person's own has that person as its contact: name, email and
   * phone are cleared together (a name and number left behind would still identify them).
   */
  async clearRestaurantContact(email: string, tx: DbOrTx = this.#db): Promise<number> {
    const { count } = await tx.restaurant.updateMany({
      where: includeDeleted({ contactEmail: email }),
      data: { contactName: null, contactEmail: null, contactPhone: null },
    });
    return count;
  }
}
