import { UPLOAD_MEDIA_TYPES } from '@/server/storage/upload';

/** What POST /api/files accepts, for a file input's `accept`. */
export const UPLOAD_ACCEPT = UPLOAD_MEDIA_TYPES.join(',');

export type Uploaded = { sha256: string; bytes: number; mediaType: string };

/** A refused upload; `code` is an `errors.<CODE>` key (NETWORK when the request never arrived). */
export class UploadError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** POST /api/files: the bytes go to the content-addressed store; the answer names them by SHA-256. */
export async function uploadFile(file: File): Promise<Uploaded> {
  const body = new FormData();
  body.append('file', file);
  let response: Response;
  try {
    response = await fetch('/api/files', { method: 'POST', body });
  } catch {
    throw new UploadError('NETWORK');
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const code = json && typeof json === 'object' && 'error' in json && typeof json.error === 'string' ? json.error : 'UNKNOWN';
    throw new UploadError(code);
  }
  return json as Uploaded;
}
