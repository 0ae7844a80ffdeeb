import { routeActor } from '@/server/auth/route-actor';
import { can } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import { DomainError } from '@/server/errors';
import { plaquePdf, plaqueSvg } from '@/server/plaque/render';
import { publicBuildingRecord } from '@/server/plaque/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const FORMATS = {
  pdf: 'application/pdf',
  svg: 'image/svg+xml; charset=utf-8',
} as const;
type Format = keyof typeof FORMATS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound = () => Response.json({ error: 'NOT_FOUND' }, { status: 404 });

/**
 * The building's 永久性标牌 for print: `?format=pdf` (default, landscape A4) or `?format=svg`
 * (600 × 400 mm, for a sign maker). Its QR code opens the public page, PUBLIC_BASE_URL/b/<code>.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const who = await routeActor(req);
  if ('response' in who) return who.response;
  const { id } = await params;

  const requested = new URL(req.url).searchParams.get('format') ?? 'pdf';
  if (!Object.hasOwn(FORMATS, requested)) return Response.json({ error: 'BAD_FORMAT' }, { status: 400 });
  const format = requested as Format;

  if (!UUID.test(id)) return notFound();
  let subject;
  try {
    subject = await buildingSubject(db, who.actor, id);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return notFound();
    throw error;
  }
  if (!can(who.actor, 'plaque.download', subject)) return Response.json({ error: 'FORBIDDEN' }, { status: 403 });

  const building = await db.building.findUnique({ where: { id }, select: { code: true } });
  const record = building && (await publicBuildingRecord(db, building.code));
  if (!record) return notFound();

  const base = env.PUBLIC_BASE_URL ?? new URL(req.url).origin;
  const url = `${base}/b/${encodeURIComponent(record.building.code)}`;
  const body = format === 'pdf' ? await plaquePdf(record, url) : plaqueSvg(record, url);
  const filename = `plaque-${record.building.code}.${format}`;
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: {
      'content-type': FORMATS[format],
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
