import { authedProcedure, router } from '@/server/trpc/init';
import { attachOriginalInput, pledgeTaskInput, signPledgesInput } from './schemas';
import { attachOriginal, pledgePreview, pledgeTasks, signPledges } from './service';

export const pledgesRouter = router({
  tasks: authedProcedure.query(({ ctx }) => pledgeTasks(ctx.db, ctx.actor)),
  preview: authedProcedure.input(pledgeTaskInput).query(({ ctx, input }) => pledgePreview(ctx.db, ctx.actor, input)),
  sign: authedProcedure.input(signPledgesInput).mutation(({ ctx, input }) => signPledges(ctx.db, ctx.actor, input)),
  attachOriginal: authedProcedure.input(attachOriginalInput).mutation(({ ctx, input }) => attachOriginal(ctx.db, ctx.actor, input)),
});
