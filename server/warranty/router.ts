import { z } from 'zod';
import { buildingIdInput } from '@/server/projects/schemas';
import { authedProcedure, publicProcedure, router } from '@/server/trpc/init';
import { buildingWarranty, getClaim, myUnits } from './read';
import { claimStepInput, fileClaimInput, importUnitsInput, issueInvitationInput, redeemInvitationInput } from './schemas';
import { addClaimStep, fileClaim, importUnits, issueInvitation, redeemInvitation } from './service';

export const warrantyRouter = router({
  building: authedProcedure.input(buildingIdInput).query(({ ctx, input }) => buildingWarranty(ctx.db, ctx.actor, input.buildingId)),
  myUnits: authedProcedure.query(({ ctx }) => myUnits(ctx.db, ctx.actor)),
  claim: authedProcedure.input(z.object({ claimId: z.uuid() })).query(({ ctx, input }) => getClaim(ctx.db, ctx.actor, input.claimId)),
  importUnits: authedProcedure.input(importUnitsInput).mutation(({ ctx, input }) => importUnits(ctx.db, ctx.actor, input)),
  issueInvitation: authedProcedure.input(issueInvitationInput).mutation(({ ctx, input }) => issueInvitation(ctx.db, ctx.actor, input)),
  // Public: the buyer has no account until the code makes one.
  redeemInvitation: publicProcedure.input(redeemInvitationInput).mutation(({ ctx, input }) => redeemInvitation(ctx.db, input)),
  fileClaim: authedProcedure.input(fileClaimInput).mutation(({ ctx, input }) => fileClaim(ctx.db, ctx.actor, input)),
  addStep: authedProcedure.input(claimStepInput).mutation(({ ctx, input }) => addClaimStep(ctx.db, ctx.actor, input)),
});
