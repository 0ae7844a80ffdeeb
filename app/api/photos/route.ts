import { routeActor } from '@/server/auth/route-actor';
import { db } from '@/server/db/client';
import { DOMAIN_ERRORS, DomainError } from '@/server/errors';
import { uploadPhoto } from '@/server/evidence/service';
import { MAX_UPLOAD_BYTES } from '@/server/storage/upload';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const STATUS = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, BAD_REQUEST: 400, TOO_MANY_REQUESTS: 429 } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Upload of one photo for a building (multipart: `file`, `buildingId`, optional
 * `deviceTakenAt` (ISO time of the phone's clock) and `idempotencyKey` (a retry returns the
 * first upload)). Answers the receipt: {id, sha256, thumbnailSha256, flags, …}. The type is
 * decided by the bytes; a non-photo is refused and nothing is stored.
 */
export async function POST(req: Request) {
  const who = await routeActor(req);
  if ('response' in who) return who.response;
  if (Number(req.headers.get('content-length') ?? 0) > MAX_UPLOAD_BYTES + 64 * 1024) return Response.json({ error: 'FILE_TOO_LARGE' }, { status: 413 });
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return Response.json({ error: 'INVALID_INPUT' }, { status: 400 });
  }
  const file = form.get('file');
  const buildingId = String(form.get('buildingId') ?? '');
  const deviceTakenAtText = form.get('deviceTakenAt');
  const deviceTakenAt = typeof deviceTakenAtText === 'string' && deviceTakenAtText !== '' ? new Date(deviceTakenAtText) : null;
  const idempotencyKey = form.get('idempotencyKey');
  if (!(file instanceof File) || file.size === 0 || !UUID.test(buildingId)) return Response.json({ error: 'INVALID_INPUT' }, { status: 400 });
  if (deviceTakenAt && Number.isNaN(deviceTakenAt.getTime())) return Response.json({ error: 'INVALID_INPUT' }, { status: 400 });
  if (idempotencyKey !== null && (typeof idempotencyKey !== 'string' || !UUID.test(idempotencyKey))) return Response.json({ error: 'INVALID_INPUT' }, { status: 400 });
  if (file.size > MAX_UPLOAD_BYTES) return Response.json({ error: 'FILE_TOO_LARGE' }, { status: 413 });
  try {
    const receipt = await uploadPhoto(db, who.actor, {
      buildingId,
      bytes: new Uint8Array(await file.arrayBuffer()),
      deviceTakenAt,
      idempotencyKey: idempotencyKey ?? null,
    });
    return Response.json(receipt, { status: 201 });
  } catch (error) {
    if (error instanceof DomainError) {
      const status = error.code === 'FILE_TYPE_NOT_ALLOWED' ? 415 : error.code === 'FILE_TOO_LARGE' || error.code === 'IMAGE_TOO_LARGE' ? 413 : STATUS[DOMAIN_ERRORS[error.code]];
      return Response.json({ error: error.code }, { status });
    }
    throw error;
  }
}
