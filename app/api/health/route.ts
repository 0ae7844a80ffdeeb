import { db } from '@/server/db/client';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Contract 3: 200 {"status":"ok","db":"ok"} when the app and its database answer. */
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: 'ok', db: 'ok' });
  } catch {
    return Response.json({ status: 'error', db: 'error' }, { status: 503 });
  }
}
