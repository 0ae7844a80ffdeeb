import { fileResponse } from '@/app/api/_lib/file-response';
import { routeActor } from '@/server/auth/route-actor';
import { db } from '@/server/db/client';
import { materialFile } from '@/server/materials/files';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A material certificate or lab report named by a record of the building, by its SHA-256. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string; sha256: string }> }) {
  const who = await routeActor(req);
  if ('response' in who) return who.response;
  const { id, sha256 } = await params;
  const result = await materialFile(db, who.actor, id, sha256);
  if ('error' in result) return Response.json({ error: result.error }, { status: result.status });
  return fileResponse(result);
}
