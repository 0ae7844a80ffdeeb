import { serverPublicKey } from '@/server/ledger/server-key';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The server's seal key, for anyone checking an archive's seal.json: JSON, or `?format=pem` as a file. */
export function GET(request: Request): Response {
  const key = serverPublicKey();
  if (new URL(request.url).searchParams.get('format') === 'pem') {
    return new Response(key.publicKeyPem, {
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'content-disposition': 'attachment; filename="buildledger-ledger-ed25519.pub.pem"',
      },
    });
  }
  return Response.json(key);
}
