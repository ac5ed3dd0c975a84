import { router } from '../../trpc.ts';

export const menusRouter = router({});
