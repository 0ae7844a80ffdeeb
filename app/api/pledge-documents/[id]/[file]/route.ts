import { fileResponse } from '@/app/api/_lib/file-response';
import { routeActor } from '@/server/auth/route-actor';
import { db } from '@/server/db/client';
import { pledgeFile } from '@/server/pledges/files';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * A signed pledge document's files, for those who may read pledges:
 * `pdf`, `json` (the canonical content that was signed), or
 * `original-<id>` (the 法定代表人's signed and stamped scan).
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string; file: string }> }) {
  const who = await routeActor(req);
  if ('response' in who) return who.response;
  const { id, file } = await params;
  const result = await pledgeFile(db, who.actor, id, file);
  if ('error' in result) return Response.json({ error: result.error }, { status: result.status });
  return fileResponse(result);
}
