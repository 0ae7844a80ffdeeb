'use client';

import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { FormLayout } from '@/app/_components/form-field';
import { TextField } from '@/app/_components/text-field';
import { signInInput } from '@/server/auth/schemas';
import { signInAction, signInFormAction } from './actions';
import type { SignInErrorCode } from './sign-in-errors';

type Values = z.input<typeof signInInput>;

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: SignInErrorCode }) {
  const t = useTranslations('signin');
  const form = useForm<Values, unknown, z.output<typeof signInInput>>({
    resolver: zodResolver(signInInput),
    defaultValues: { login: '', password: '' },
  });

  // A failed native (pre-hydration) post comes back as /signin?error=<code>: shown (also
  // without script) until the next attempt.
  const [showInitialError, setShowInitialError] = useState(Boolean(initialError));
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    // On success the action redirects (the promise never settles here).
    const result = await signInAction(values, callbackUrl);
    if (result?.error) {
      form.setError('root.server', { type: 'server', message: t(`errors.${result.error}`) });
      if (result.error === 'invalid_credentials') form.resetField('password', { keepError: false });
    }
  });

  const onSubmit: typeof submit = (event) => {
    setShowInitialError(false);
    return submit(event);
  };
  const serverError =
    errors.root?.server?.message ?? (showInitialError && initialError ? t(`errors.${initialError}`) : undefined);

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('title')}</h2>}>
      <p className="bl-hint" style={{ marginTop: 0, marginBottom: 16 }}>
        {t('subtitle')}
      </p>
      {serverError && <Alert type="error" showIcon title={serverError} style={{ marginBottom: 16 }} />}
      {/* Before hydration a submit posts natively to the server action (never a GET with the
          password in the URL); afterwards onSubmit validates and calls the action itself. */}
      <form action={signInFormAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <FormLayout>
          <TextField
            control={form.control}
            name="login"
            id="signin-login"
            label={t('login')}
            size="large"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            prefix={<UserOutlined aria-hidden />}
            placeholder={t('loginPlaceholder')}
          />
          <TextField
            control={form.control}
            name="password"
            id="signin-password"
            label={t('password')}
            password
            size="large"
            autoComplete="current-password"
            prefix={<LockOutlined aria-hidden />}
            placeholder={t('passwordPlaceholder')}
          />
          <Button type="primary" htmlType="submit" size="large" block loading={busy(isSubmitting)}>
            {isSubmitting ? t('submitting') : t('submit')}
          </Button>
        </FormLayout>
      </form>
    </Card>
  );
}
