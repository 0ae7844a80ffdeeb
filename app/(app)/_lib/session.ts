import 'server-only';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { REQUESTED_PATH_HEADER } from '@/proxy';
import { auth } from '@/server/auth';

/** The signed-in user of this request, or a redirect to /signin. Deduplicated per request. */
export const requireUser = cache(async () => {
  const session = await auth();
  if (!session?.user) {
    const wanted = (await headers()).get(REQUESTED_PATH_HEADER);
    redirect(wanted && wanted !== '/' ? `/signin?callbackUrl=${encodeURIComponent(wanted)}` : '/signin');
  }
  return session.user;
});

export type SessionUser = Awaited<ReturnType<typeof requireUser>>;

export function isAdmin(user: SessionUser): boolean {
  return user.roles.includes('ADMIN');
}
