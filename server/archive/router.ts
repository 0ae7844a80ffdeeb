import { buildingIdInput } from '@/server/projects/schemas';
import { authedProcedure, router } from '@/server/trpc/init';
import { buildingHandovers, recordHandover } from './handover';
import { recordHandoverInput } from './schemas';

export const archiveRouter = router({
  handovers: authedProcedure.input(buildingIdInput).query(({ ctx, input }) => buildingHandovers(ctx.db, ctx.actor, input.buildingId)),
  handOver: authedProcedure.input(recordHandoverInput).mutation(({ ctx, input }) => recordHandover(ctx.db, ctx.actor, input)),
});
