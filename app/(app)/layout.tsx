import type { ReactNode } from 'react';
import { AppShell } from '@/app/_components/app-shell';
import { requireUser } from './_lib/session';

/** Every page in this group needs a session; without one the visitor goes to /signin. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return <AppShell user={{ name: user.name ?? user.login, login: user.login, roles: user.roles }}>{children}</AppShell>;
}
