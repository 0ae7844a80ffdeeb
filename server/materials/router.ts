import { buildingIdInput } from '@/server/projects/schemas';
import { authedProcedure, router } from '@/server/trpc/init';
import { approveReceiptInput, recordReceiptInput, recordResultInput, recordSampleInput } from './schemas';
import { approveReceipt, buildingMaterials, recordReceipt, recordResult, recordSample } from './service';

export const materialsRouter = router({
  list: authedProcedure.input(buildingIdInput).query(({ ctx, input }) => buildingMaterials(ctx.db, ctx.actor, input.buildingId)),
  recordReceipt: authedProcedure.input(recordReceiptInput).mutation(({ ctx, input }) => recordReceipt(ctx.db, ctx.actor, input)),
  approveReceipt: authedProcedure.input(approveReceiptInput).mutation(({ ctx, input }) => approveReceipt(ctx.db, ctx.actor, input)),
  recordSample: authedProcedure.input(recordSampleInput).mutation(({ ctx, input }) => recordSample(ctx.db, ctx.actor, input)),
  recordResult: authedProcedure.input(recordResultInput).mutation(({ ctx, input }) => recordResult(ctx.db, ctx.actor, input)),
});
