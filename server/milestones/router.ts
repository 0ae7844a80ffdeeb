import { buildingIdInput } from '@/server/projects/schemas';
import { authedProcedure, router } from '@/server/trpc/init';
import { buildingMilestones } from './read';
import {
  fileCompletionDocumentInput,
  openCompletionAcceptanceInput,
  openDivisionAcceptanceInput,
  recordFilingInput,
  signMilestoneInput,
} from './schemas';
import { fileCompletionDocument, openCompletionAcceptance, openDivisionAcceptance, recordFiling, signMilestone } from './service';

export const milestonesRouter = router({
  building: authedProcedure.input(buildingIdInput).query(({ ctx, input }) => buildingMilestones(ctx.db, ctx.actor, input.buildingId)),
  openDivision: authedProcedure.input(openDivisionAcceptanceInput).mutation(({ ctx, input }) => openDivisionAcceptance(ctx.db, ctx.actor, input)),
  openCompletion: authedProcedure.input(openCompletionAcceptanceInput).mutation(({ ctx, input }) => openCompletionAcceptance(ctx.db, ctx.actor, input)),
  sign: authedProcedure.input(signMilestoneInput).mutation(({ ctx, input }) => signMilestone(ctx.db, ctx.actor, input)),
  fileDocument: authedProcedure.input(fileCompletionDocumentInput).mutation(({ ctx, input }) => fileCompletionDocument(ctx.db, ctx.actor, input)),
  recordFiling: authedProcedure.input(recordFilingInput).mutation(({ ctx, input }) => recordFiling(ctx.db, ctx.actor, input)),
});
