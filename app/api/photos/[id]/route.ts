import { fileResponse } from '@/app/api/_lib/file-response';
import { routeActor } from '@/server/auth/route-actor';
import { db } from '@/server/db/client';
import { photoFile } from '@/server/evidence/files';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A photo's bytes (`?size=thumb` for its thumbnail), for those who may read the building's inspection records. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const who = await routeActor(req);
  if ('response' in who) return who.response;
  const { id } = await params;
  const thumb = new URL(req.url).searchParams.get('size') === 'thumb';
  const result = await photoFile(db, who.actor, id, thumb);
  if ('error' in result) return Response.json({ error: result.error }, { status: result.status });
  return fileResponse(result);
}
