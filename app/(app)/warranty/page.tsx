import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { requireUser } from '../_lib/session';
import { MyUnitsView } from './my-units-view';

export const generateMetadata = pageTitle('warranty');

/** 我的保修: a homeowner's units, each building's warranty terms and the unit's claims. */
export default async function MyWarrantyPage() {
  await requireUser();
  const units = await (await serverCaller()).warranty.myUnits();
  return <MyUnitsView initialData={units} />;
}
