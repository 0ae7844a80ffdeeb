import { Readable } from 'node:stream';
import { routeActor } from '@/server/auth/route-actor';
import { buildingArchive } from '@/server/archive/service';
import { db } from '@/server/db/client';
import { env } from '@/server/env';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The building's permanent archive (DESIGN.md Contract 5), streamed as a ZIP. A client that
 * goes away aborts the request, which stops the export.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const who = await routeActor(req);
  if ('response' in who) return who.response;
  const { id } = await params;
  if (!UUID.test(id)) return Response.json({ error: 'NOT_FOUND' }, { status: 404 });

  const result = await buildingArchive(db, who.actor, id.toLowerCase(), {
    publicBaseUrl: env.PUBLIC_BASE_URL ?? new URL(req.url).origin,
    signal: req.signal,
  });
  if ('error' in result) return Response.json({ error: result.error }, { status: result.status });
  return new Response(Readable.toWeb(result.stream) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${result.filename.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(result.filename)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      // What the archive will hold, for a client that checks before unpacking
      'x-ledger-count': String(result.ledger.count),
      'x-ledger-head': result.ledger.head,
    },
  });
}
