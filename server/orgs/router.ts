import { authedProcedure, router } from '@/server/trpc/init';
import { createOrganizationInput, setLegalRepresentativeInput } from './schemas';
import { createOrganization, listOrganizations, setLegalRepresentative } from './service';

export const orgsRouter = router({
  list: authedProcedure.query(({ ctx }) => listOrganizations(ctx.db, ctx.actor)),
  create: authedProcedure
    .input(createOrganizationInput)
    .mutation(({ ctx, input }) => createOrganization(ctx.db, ctx.actor, input)),
  setLegalRepresentative: authedProcedure
    .input(setLegalRepresentativeInput)
    .mutation(({ ctx, input }) => setLegalRepresentative(ctx.db, ctx.actor, input)),
});
