import type { z } from 'zod';
import { ZPage, ZPageQuery } from '../../list-query.ts';
import { ZMyInvitation } from '../organizations/invitations/_schemas.ts';

export const ZMeInvitationsInput = ZPageQuery;
export type TMeInvitationsInput = z.infer<typeof ZMeInvitationsInput>;

export const ZMeInvitationsOutput = ZPage(ZMyInvitation).meta({ id: 'MyInvitationPage' });
export type TMeInvitationsOutput = z.infer<typeof ZMeInvitationsOutput>;
