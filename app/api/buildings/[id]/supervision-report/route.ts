import { fileResponse } from '@/app/api/_lib/file-response';
import { routeActor } from '@/server/auth/route-actor';
import { db } from '@/server/db/client';
import { supervisionReportFile } from '@/server/supervision/report';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The building's signed 工程质量监督报告 as PDF, for those who read its milestones. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const who = await routeActor(req);
  if ('response' in who) return who.response;
  const { id } = await params;
  const result = await supervisionReportFile(db, who.actor, id);
  if ('error' in result) return Response.json({ error: result.error }, { status: result.status });
  return fileResponse(result);
}
