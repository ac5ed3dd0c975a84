import { router } from '../../trpc.ts';

export const orderGuidesRouter = router({});
