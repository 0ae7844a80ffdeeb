import type { ReactNode } from 'react';
import { AppShell } from '@/app/_components/app-shell';
import { serverCaller } from '@/server/trpc/server-caller';
import { requireUser } from './_lib/session';

/** Every page in this group needs a session; without one the visitor goes to /signin. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  // An ADMIN is told of a broken ledger on every page until it is acknowledged (0 for anyone else)
  const chainAlerts = user.roles.includes('ADMIN') ? await (await serverCaller()).archive.unacknowledgedChainAlerts() : 0;
  return (
    <AppShell user={{ name: user.name ?? user.login, login: user.login, roles: user.roles }} chainAlerts={chainAlerts}>
      {children}
    </AppShell>
  );
}
