import { router } from '../../trpc.ts';
import { invitationsRouter } from './invitations/_router.ts';
import { membersRouter } from './members/_router.ts';

/** What restaurants and suppliers share: members and invitations, by organization id. */
export const organizationsRouter = router({
  members: membersRouter,
  invitations: invitationsRouter,
});
