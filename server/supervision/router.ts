import { buildingIdInput } from '@/server/projects/schemas';
import { authedProcedure, router } from '@/server/trpc/init';
import { recordSupervisionInspectionInput } from './schemas';
import { buildingSupervision, recordSupervisionInspection } from './service';

export const supervisionRouter = router({
  building: authedProcedure.input(buildingIdInput).query(({ ctx, input }) => buildingSupervision(ctx.db, ctx.actor, input.buildingId)),
  recordInspection: authedProcedure.input(recordSupervisionInspectionInput).mutation(({ ctx, input }) => recordSupervisionInspection(ctx.db, ctx.actor, input)),
});
