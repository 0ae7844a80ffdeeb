import { archiveRouter } from '@/server/archive/router';
import { inspectionsRouter } from '@/server/inspections/router';
import { materialsRouter } from '@/server/materials/router';
import { milestonesRouter } from '@/server/milestones/router';
import { noticesRouter } from '@/server/notices/router';
import { orgsRouter } from '@/server/orgs/router';
import { partiesRouter } from '@/server/parties/router';
import { pledgesRouter } from '@/server/pledges/router';
import { projectsRouter } from '@/server/projects/router';
import { supervisionRouter } from '@/server/supervision/router';
import { suspensionsRouter } from '@/server/suspensions/router';
import { tokensRouter } from '@/server/tokens/router';
import { warrantyRouter } from '@/server/warranty/router';
import { meRouter, usersRouter } from '@/server/users/router';
import { createCallerFactory, router } from './init';

export const appRouter = router({
  me: meRouter,
  projects: projectsRouter,
  orgs: orgsRouter,
  users: usersRouter,
  tokens: tokensRouter,
  parties: partiesRouter,
  pledges: pledgesRouter,
  inspections: inspectionsRouter,
  milestones: milestonesRouter,
  warranty: warrantyRouter,
  materials: materialsRouter,
  supervision: supervisionRouter,
  suspensions: suspensionsRouter,
  notices: noticesRouter,
  archive: archiveRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
