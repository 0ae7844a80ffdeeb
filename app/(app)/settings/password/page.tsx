import { pageTitle } from '@/app/_components/page-title';
import { requireUser } from '../../_lib/session';
import { PasswordForm } from './password-form';

export const generateMetadata = pageTitle('password');

export default async function PasswordPage() {
  await requireUser();
  return <PasswordForm />;
}
