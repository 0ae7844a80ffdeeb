import { routeActor } from '@/server/auth/route-actor';
import { db } from '@/server/db/client';
import { detectMediaType, MAX_UPLOAD_BYTES } from '@/server/storage/upload';
import { storeFile } from '@/server/storage';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Upload of one document (multipart field `file`): PDF, JPEG or PNG up to
 * 20 MB, typed by its bytes, not its name. Answers {sha256, bytes, mediaType};
 * a record then binds the file by its SHA-256 (e.g. pledges.attachOriginal).
 */
export async function POST(req: Request) {
  const who = await routeActor(req);
  if ('response' in who) return who.response;
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) return Response.json({ error: 'FILE_TOO_LARGE' }, { status: 413 });
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return Response.json({ error: 'INVALID_INPUT' }, { status: 400 });
  }
  const file = form.get('file');
  if (!(file instanceof File)) return Response.json({ error: 'INVALID_INPUT' }, { status: 400 });
  if (file.size > MAX_UPLOAD_BYTES) return Response.json({ error: 'FILE_TOO_LARGE' }, { status: 413 });
  if (file.size === 0) return Response.json({ error: 'INVALID_INPUT' }, { status: 400 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const mediaType = detectMediaType(bytes);
  if (!mediaType) return Response.json({ error: 'FILE_TYPE_NOT_ALLOWED' }, { status: 415 });
  const stored = await storeFile(db, { bytes, mediaType, createdById: who.actor.userId });
  return Response.json(stored, { status: 201 });
}
