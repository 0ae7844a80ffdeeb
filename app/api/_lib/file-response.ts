/**
 * A stored file's bytes as a download: its SHA-256 in a header (the reader can check it), cached
 * for good (content-addressed bytes never change), `attachment` when it has a file name.
 */
export function fileResponse(file: { bytes: Uint8Array; sha256: string; mediaType: string; filename?: string }) {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'content-type': file.mediaType,
      ...(file.filename ? { 'content-disposition': `attachment; filename="${file.filename}"` } : {}),
      'x-content-sha256': file.sha256,
      'cache-control': 'private, max-age=31536000, immutable',
    },
  });
}
