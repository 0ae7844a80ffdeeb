import { authedProcedure, router } from '@/server/trpc/init';
import { addStaffInput, appointLeaderInput, assignPartyInput, changeLeaderInput, correctLeaderDetailsInput, endStaffInput } from './schemas';
import { addStaff, appointLeader, assignParty, changeLeader, correctLeaderDetails, endStaff } from './service';

export const partiesRouter = router({
  assign: authedProcedure.input(assignPartyInput).mutation(({ ctx, input }) => assignParty(ctx.db, ctx.actor, input)),
  appointLeader: authedProcedure.input(appointLeaderInput).mutation(({ ctx, input }) => appointLeader(ctx.db, ctx.actor, input)),
  changeLeader: authedProcedure.input(changeLeaderInput).mutation(({ ctx, input }) => changeLeader(ctx.db, ctx.actor, input)),
  correctLeaderDetails: authedProcedure
    .input(correctLeaderDetailsInput)
    .mutation(({ ctx, input }) => correctLeaderDetails(ctx.db, ctx.actor, input)),
  addStaff: authedProcedure.input(addStaffInput).mutation(({ ctx, input }) => addStaff(ctx.db, ctx.actor, input)),
  endStaff: authedProcedure.input(endStaffInput).mutation(({ ctx, input }) => endStaff(ctx.db, ctx.actor, input)),
});
