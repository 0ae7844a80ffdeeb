import { routeActor } from '@/server/auth/route-actor';
import { db } from '@/server/db/client';
import { listVisibleBuildings } from '@/server/projects/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Contract 8: the buildings the caller may see, `{id, code, name, project: {id, name}}`. */
export async function GET(req: Request) {
  const who = await routeActor(req);
  if ('response' in who) return who.response;
  return Response.json(await listVisibleBuildings(db, who.actor));
}
