import { Forbidden } from '@/app/_components/forbidden';
import { pageTitle } from '@/app/_components/page-title';
import { SIGNALS, type Signal } from '@/server/supervision/dashboard';
import { serverCaller } from '@/server/trpc/server-caller';
import { requireUser } from '../_lib/session';
import { DashboardView } from './dashboard-view';

export const generateMetadata = pageTitle('dashboard');

type Search = { region?: string; signal?: string; q?: string; page?: string };

/** 监督工作台: the projects of the inspector's jurisdiction and where to look first, a page at a time; filters and page live in the URL. */
export default async function SupervisionDashboardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  if (!user.roles.includes('ADMIN') && !user.roles.includes('INSPECTOR')) return <Forbidden only="supervision" />;
  const search = await searchParams;
  const filters = {
    regionCode: /^\d{6}$/.test(search.region ?? '') ? search.region : undefined,
    signal: SIGNALS.includes(search.signal as Signal) ? (search.signal as Signal) : undefined,
    query: search.q?.trim().slice(0, 100) || undefined,
    page: /^[1-9]\d{0,4}$/.test(search.page ?? '') ? Number(search.page) : undefined,
  };
  const api = await serverCaller();
  const data = await api.supervision.dashboard(filters);
  return <DashboardView data={data} filters={filters} />;
}
