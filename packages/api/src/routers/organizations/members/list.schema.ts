import type { z } from 'zod';
import { ZPage, ZPageQuery } from '../../../list-query.ts';
import { ZMember, ZOrganizationIdParam } from './_schemas.ts';

export const ZMembersListInput = ZPageQuery.extend({ organizationId: ZOrganizationIdParam });
export type TMembersListInput = z.infer<typeof ZMembersListInput>;

export const ZMembersListOutput = ZPage(ZMember).meta({ id: 'MemberPage' });
export type TMembersListOutput = z.infer<typeof ZMembersListOutput>;
