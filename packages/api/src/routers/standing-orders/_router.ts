import { router } from '../../trpc.ts';

export const standingOrdersRouter = router({});
