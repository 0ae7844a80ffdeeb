import { env } from '@/server/env';
import { buildingIdInput } from '@/server/projects/schemas';
import { authedProcedure, router } from '@/server/trpc/init';
import { acknowledgeChainAlert, chainCheckOverview, recheckBuildingChain, requestChainCheckRun, unacknowledgedChainAlerts } from './chain-checks';
import { buildingHandovers, recordHandover } from './handover';
import { acknowledgeChainAlertInput, recordHandoverInput } from './schemas';

export const archiveRouter = router({
  handovers: authedProcedure.input(buildingIdInput).query(({ ctx, input }) => buildingHandovers(ctx.db, ctx.actor, input.buildingId)),
  handOver: authedProcedure.input(recordHandoverInput).mutation(({ ctx, input }) => recordHandover(ctx.db, ctx.actor, input)),
  recheckChain: authedProcedure.input(buildingIdInput).mutation(({ ctx, input }) => recheckBuildingChain(ctx.db, ctx.actor, input.buildingId)),
  chainChecks: authedProcedure.query(({ ctx }) => chainCheckOverview(ctx.db, ctx.actor, { everyHours: env.CHAIN_CHECK_EVERY_HOURS })),
  startChainCheck: authedProcedure.mutation(({ ctx }) => requestChainCheckRun(ctx.db, ctx.actor)),
  acknowledgeChainAlert: authedProcedure.input(acknowledgeChainAlertInput).mutation(({ ctx, input }) => acknowledgeChainAlert(ctx.db, ctx.actor, input)),
  unacknowledgedChainAlerts: authedProcedure.query(({ ctx }) => unacknowledgedChainAlerts(ctx.db, ctx.actor)),
});
