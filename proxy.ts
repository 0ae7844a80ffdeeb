import { NextResponse, type NextRequest } from 'next/server';

/** The header through which signed-in layouts learn which page was asked for. */
export const REQUESTED_PATH_HEADER = 'x-buildledger-path';

/**
 * Passes the requested path to server components, so a signed-out visitor
 * sent to /signin comes back to the page they asked for. Authentication
 * itself is checked where the data is (layouts, procedures, route handlers).
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!api/|_next/|favicon.ico|b/).*)'],
};
