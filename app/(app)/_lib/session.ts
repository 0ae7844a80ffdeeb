import 'server-only';

import { redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from '@/server/auth';

/** The signed-in user of this request, or a redirect to /signin. Deduplicated per request. */
export const requireUser = cache(async () => {
  const session = await auth();
  if (!session?.user) redirect('/signin');
  return session.user;
});

export type SessionUser = Awaited<ReturnType<typeof requireUser>>;

export function isAdmin(user: SessionUser): boolean {
  return user.roles.includes('ADMIN');
}
