'use client';

import { LockOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useTranslations } from 'next-intl';
import { busy } from '@/app/_components/busy';
import { MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { PageHead } from '@/app/_components/page-head';
import { TextField } from '@/app/_components/text-field';
import { useTRPC } from '@/app/_trpc/client';
import { signOutAction } from '@/app/signin/actions';
import { changePasswordInput } from '@/server/users/schemas';

const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** Changing the password ends every session, this one too: the user signs in again with it. */
export function PasswordForm() {
  const t = useTranslations('password');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const change = useMutation(trpc.me.changePassword.mutationOptions());
  const { form, onSubmit } = useMutationForm(changePasswordInput, EMPTY, async (values) => {
    await change.mutateAsync(values);
    await message.success(t('done'), 1.5);
    await signOutAction();
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <>
      <PageHead title={t('title')} hint={t('hint')} />
      <MutationForm label={t('title')} onSubmit={onSubmit} serverError={errors.root?.server?.message} style={{ maxWidth: 480 }}>
        <TextField control={form.control} name="currentPassword" id="current-password" label={t('current')} required password autoComplete="current-password" />
        <TextField control={form.control} name="newPassword" id="new-password" label={t('new')} required password autoComplete="new-password" placeholder={t('newHelp')} />
        <TextField control={form.control} name="confirmPassword" id="confirm-password" label={t('confirm')} required password autoComplete="new-password" />
        <Button type="primary" htmlType="submit" icon={<LockOutlined aria-hidden />} loading={busy(isSubmitting)}>
          {t('submit')}
        </Button>
      </MutationForm>
    </>
  );
}
