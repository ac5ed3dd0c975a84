import { router } from '../../trpc.ts';

export const reorderRouter = router({});
