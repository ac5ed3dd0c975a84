import { z } from 'zod';
import { INVITATION_STATUSES, MEMBER_ROLES, ORGANIZATION_KINDS, type Invitation } from '@iris/identity';

/**
 * The invitation's token, as the addressee answers with it. Optional in the schema only so that a missing
 * token gets the same 404 as a wrong one (nothing tells the caller which part was wrong).
 */
export const ZInvitationToken = z.string().max(256).optional().meta({
  description:
    'The token from the invitation (given once to the inviter, who sends it to the invited address). Needed: without it, or with a wrong one, the answer is 404.',
  example: 'iris_inv_Qk3v…',
});

/** Where the addressee accepts, relative to the REST base (/api/v1); the token goes in the JSON body. */
export function acceptPathOf(invitationId: string): string {
  return `/me/invitations/${invitationId}/accept`;
}

export const ZInvitation = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    email: z.string(),
    role: z.enum(MEMBER_ROLES),
    status: z.enum(INVITATION_STATUSES).meta({
      description: 'pending until accepted, revoked (by an owner, or declined by the invitee) or expired',
    }),
    invitedById: z.uuid().nullable(),
    expiresAt: z.iso.datetime(),
    acceptedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Invitation' });
export type TInvitation = z.infer<typeof ZInvitation>;

/** An invitation as its addressee sees it: which organization, as what. */
export const ZMyInvitation = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    organizationKind: z.enum(ORGANIZATION_KINDS),
    role: z.enum(MEMBER_ROLES),
    status: z.enum(INVITATION_STATUSES),
    expiresAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'MyInvitation' });
export type TMyInvitation = z.infer<typeof ZMyInvitation>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toInvitationJson(invitation: Invitation): TInvitation {
  return {
    id: invitation.id,
    organizationId: invitation.organizationId,
    email: invitation.email,
    role: invitation.role,
    status: invitation.status,
    invitedById: invitation.invitedById,
    expiresAt: invitation.expiresAt.toISOString(),
    acceptedAt: iso(invitation.acceptedAt),
    revokedAt: iso(invitation.revokedAt),
    createdAt: invitation.createdAt.toISOString(),
  };
}

export function toMyInvitationJson(invitation: Invitation): TMyInvitation {
  return {
    id: invitation.id,
    organizationId: invitation.organizationId,
    organizationName: invitation.organizationName,
    organizationKind: invitation.organizationKind,
    role: invitation.role,
    status: invitation.status,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}
