import { buildingIdInput } from '@/server/projects/schemas';
import { authedProcedure, router } from '@/server/trpc/init';
import { issueNoticeInput, noticeIdInput, respondNoticeItemInput, verifyNoticeResponseInput } from './schemas';
import { buildingNotices, getNotice, issueNotice, respondNoticeItem, verifyNoticeResponse } from './service';

export const noticesRouter = router({
  building: authedProcedure.input(buildingIdInput).query(({ ctx, input }) => buildingNotices(ctx.db, ctx.actor, input.buildingId)),
  get: authedProcedure.input(noticeIdInput).query(({ ctx, input }) => getNotice(ctx.db, ctx.actor, input.noticeId)),
  issue: authedProcedure.input(issueNoticeInput).mutation(({ ctx, input }) => issueNotice(ctx.db, ctx.actor, input)),
  respond: authedProcedure.input(respondNoticeItemInput).mutation(({ ctx, input }) => respondNoticeItem(ctx.db, ctx.actor, input)),
  verify: authedProcedure.input(verifyNoticeResponseInput).mutation(({ ctx, input }) => verifyNoticeResponse(ctx.db, ctx.actor, input)),
});
