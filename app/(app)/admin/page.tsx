import { redirect } from 'next/navigation';

/** /admin has no page of its own: the first admin page is the organization list. */
export default function AdminIndex() {
  redirect('/admin/organizations');
}
