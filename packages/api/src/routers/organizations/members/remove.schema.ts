import { z } from 'zod';
import { ZMember, ZOrganizationIdParam } from './_schemas.ts';

export const ZMembersRemoveInput = z.object({ organizationId: ZOrganizationIdParam, userId: z.uuid() });
export type TMembersRemoveInput = z.infer<typeof ZMembersRemoveInput>;

/** The membership that was removed. */
export const ZMembersRemoveOutput = ZMember;
export type TMembersRemoveOutput = z.infer<typeof ZMembersRemoveOutput>;
