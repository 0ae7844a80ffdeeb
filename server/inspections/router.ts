import { buildingIdInput } from '@/server/projects/schemas';
import { authedProcedure, router } from '@/server/trpc/init';
import {
  confirmSideStationInput,
  createLotInput,
  lotIdInput,
  recordConcealedWorkInput,
  recordSideStationInput,
  reviewConcealedWorkInput,
  reviewRecordInput,
  submitRecordInput,
} from './schemas';
import { buildingProgress, createLot, getLot, reviewRecord, submitRecord } from './service';
import { confirmSideStation, recordConcealedWork, recordSideStation, reviewConcealedWork } from './site-records';

export const inspectionsRouter = router({
  progress: authedProcedure.input(buildingIdInput).query(({ ctx, input }) => buildingProgress(ctx.db, ctx.actor, input.buildingId)),
  lot: authedProcedure.input(lotIdInput).query(({ ctx, input }) => getLot(ctx.db, ctx.actor, input.lotId)),
  createLot: authedProcedure.input(createLotInput).mutation(({ ctx, input }) => createLot(ctx.db, ctx.actor, input)),
  submit: authedProcedure.input(submitRecordInput).mutation(({ ctx, input }) => submitRecord(ctx.db, ctx.actor, input)),
  review: authedProcedure.input(reviewRecordInput).mutation(({ ctx, input }) => reviewRecord(ctx.db, ctx.actor, input)),
  recordConcealed: authedProcedure.input(recordConcealedWorkInput).mutation(({ ctx, input }) => recordConcealedWork(ctx.db, ctx.actor, input)),
  reviewConcealed: authedProcedure.input(reviewConcealedWorkInput).mutation(({ ctx, input }) => reviewConcealedWork(ctx.db, ctx.actor, input)),
  recordSideStation: authedProcedure.input(recordSideStationInput).mutation(({ ctx, input }) => recordSideStation(ctx.db, ctx.actor, input)),
  confirmSideStation: authedProcedure.input(confirmSideStationInput).mutation(({ ctx, input }) => confirmSideStation(ctx.db, ctx.actor, input)),
});
