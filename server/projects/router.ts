import { registerForSupervision } from '@/server/pledges/service';
import { authedProcedure, router } from '@/server/trpc/init';
import { buildingIdInput, createBuildingInput, createProjectInput, projectIdInput } from './schemas';
import { createBuilding, createProject, getBuilding, getProject, listVisibleProjects } from './service';

export const projectsRouter = router({
  list: authedProcedure.query(({ ctx }) => listVisibleProjects(ctx.db, ctx.actor)),
  create: authedProcedure.input(createProjectInput).mutation(({ ctx, input }) => createProject(ctx.db, ctx.actor, input)),
  get: authedProcedure.input(projectIdInput).query(({ ctx, input }) => getProject(ctx.db, ctx.actor, input.projectId)),
  createBuilding: authedProcedure.input(createBuildingInput).mutation(({ ctx, input }) => createBuilding(ctx.db, ctx.actor, input)),
  building: authedProcedure.input(buildingIdInput).query(({ ctx, input }) => getBuilding(ctx.db, ctx.actor, input.buildingId)),
  registerSupervision: authedProcedure
    .input(buildingIdInput)
    .mutation(({ ctx, input }) => registerForSupervision(ctx.db, ctx.actor, input.buildingId)),
});
