'use client';

import { useMutation } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useTRPC } from '@/app/_trpc/client';
import { redeemInvitationInput } from '@/server/warranty/schemas';

export function JoinForm() {
  const t = useTranslations('join');
  const trpc = useTRPC();
  const redeem = useMutation(trpc.warranty.redeemInvitation.mutationOptions());
  const [joined, setJoined] = useState<string | null>(null);
  const schema: z.ZodType<z.output<typeof redeemInvitationInput>, z.input<typeof redeemInvitationInput>> = redeemInvitationInput;
  const { form, onSubmit } = useMutationForm(schema, { code: '', name: '', phone: '', login: '', password: '', confirmPassword: '' }, async (values) => {
    setJoined((await redeem.mutateAsync(values)).login);
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  if (joined) {
    return (
      <Alert
        type="success"
        showIcon
        role="status"
        title={t('joined', { login: joined })}
        description={
          <Link href="/signin?callbackUrl=%2Fwarranty" className="bl-touch-link">
            {t('signIn')}
          </Link>
        }
      />
    );
  }
  return (
    <MutationForm label={t('title')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <TextField control={control} name="code" id="join-code" label={t('code')} required placeholder="XXXX-XXXX-XXXX" size="large" autoComplete="off" />
      <TextField control={control} name="name" id="join-name" label={t('name')} required size="large" autoComplete="name" />
      <TextField control={control} name="phone" id="join-phone" label={t('phone')} required size="large" autoComplete="tel" inputMode="tel" />
      <TextField control={control} name="login" id="join-login" label={t('login')} required size="large" autoComplete="username" help={t('loginHelp')} />
      <TextField control={control} name="password" id="join-password" label={t('password')} required password size="large" autoComplete="new-password" help={t('passwordHelp')} />
      <TextField control={control} name="confirmPassword" id="join-confirm" label={t('confirmPassword')} required password size="large" autoComplete="new-password" />
      <Button type="primary" htmlType="submit" size="large" block loading={busy(isSubmitting)}>
        {t('submit')}
      </Button>
    </MutationForm>
  );
}
