import { authedProcedure, router } from '@/server/trpc/init';
import { createOrganizationInput } from './schemas';
import { createOrganization, listOrganizations } from './service';

export const orgsRouter = router({
  list: authedProcedure.query(({ ctx }) => listOrganizations(ctx.db, ctx.actor)),
  create: authedProcedure
    .input(createOrganizationInput)
    .mutation(({ ctx, input }) => createOrganization(ctx.db, ctx.actor, input)),
});
