import { buildingIdInput } from '@/server/projects/schemas';
import { authedProcedure, router } from '@/server/trpc/init';
import { orderSuspensionInput, resumeWorkInput } from './schemas';
import { buildingSuspensions, orderSuspension, resumeWork } from './service';

export const suspensionsRouter = router({
  building: authedProcedure.input(buildingIdInput).query(({ ctx, input }) => buildingSuspensions(ctx.db, ctx.actor, input.buildingId)),
  order: authedProcedure.input(orderSuspensionInput).mutation(({ ctx, input }) => orderSuspension(ctx.db, ctx.actor, input)),
  resume: authedProcedure.input(resumeWorkInput).mutation(({ ctx, input }) => resumeWork(ctx.db, ctx.actor, input)),
});
