import { buildingIdInput } from '@/server/projects/schemas';
import { authedProcedure, router } from '@/server/trpc/init';
import { issueSupervisionReportInput, recordSupervisionInspectionInput } from './schemas';
import { issueSupervisionReport } from './report';
import { dashboardInput, jurisdictionDashboard } from './dashboard';
import { buildingSupervision, recordSupervisionInspection } from './service';

export const supervisionRouter = router({
  dashboard: authedProcedure.input(dashboardInput).query(({ ctx, input }) => jurisdictionDashboard(ctx.db, ctx.actor, input)),
  building: authedProcedure.input(buildingIdInput).query(({ ctx, input }) => buildingSupervision(ctx.db, ctx.actor, input.buildingId)),
  issueReport: authedProcedure.input(issueSupervisionReportInput).mutation(({ ctx, input }) => issueSupervisionReport(ctx.db, ctx.actor, input)),
  recordInspection: authedProcedure.input(recordSupervisionInspectionInput).mutation(({ ctx, input }) => recordSupervisionInspection(ctx.db, ctx.actor, input)),
});
