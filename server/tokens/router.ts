import { authedProcedure, router } from '@/server/trpc/init';
import { createTokenInput, revokeTokenInput } from './schemas';
import { createToken, listTokens, revokeToken } from './service';

export const tokensRouter = router({
  list: authedProcedure.query(({ ctx }) => listTokens(ctx.db, ctx.actor)),
  create: authedProcedure.input(createTokenInput).mutation(({ ctx, input }) => createToken(ctx.db, ctx.actor, input)),
  revoke: authedProcedure.input(revokeTokenInput).mutation(({ ctx, input }) => revokeToken(ctx.db, ctx.actor, input.id)),
});
