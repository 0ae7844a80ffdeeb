import { authedProcedure, router } from '@/server/trpc/init';
import { listVisibleProjects } from './service';

export const projectsRouter = router({
  list: authedProcedure.query(({ ctx }) => listVisibleProjects(ctx.db, ctx.actor)),
});
