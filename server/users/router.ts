import { authedProcedure, router } from '@/server/trpc/init';
import { changePasswordInput, createUserInput, setUserDisabledInput } from './schemas';
import { changePassword, createUser, getProfile, listUsers, setUserDisabled } from './service';

export const meRouter = router({
  get: authedProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.actor)),
  changePassword: authedProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx.db, ctx.actor, input)),
});

export const usersRouter = router({
  list: authedProcedure.query(({ ctx }) => listUsers(ctx.db, ctx.actor)),
  create: authedProcedure.input(createUserInput).mutation(({ ctx, input }) => createUser(ctx.db, ctx.actor, input)),
  setDisabled: authedProcedure
    .input(setUserDisabledInput)
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx.actor, input)),
});
