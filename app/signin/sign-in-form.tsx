'use client';

import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Input } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { describedBy, FormField, FormLayout } from '@/app/_components/form-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { signInInput } from '@/server/auth/schemas';
import { signInAction, signInFormAction } from './actions';
import type { SignInErrorCode } from './sign-in-errors';

type Values = z.input<typeof signInInput>;

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: SignInErrorCode }) {
  const t = useTranslations('signin');
  const text = useErrorText();
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
          <FormField id="signin-login" label={t('login')} error={text.field(errors.login)}>
            <Controller
              control={form.control}
              name="login"
              render={({ field }) => (
                <Input
                  {...field}
                  id="signin-login"
                  size="large"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  prefix={<UserOutlined aria-hidden />}
                  placeholder={t('loginPlaceholder')}
                  aria-invalid={errors.login ? true : undefined}
                  aria-describedby={errors.login ? describedBy('signin-login') : undefined}
                />
              )}
            />
          </FormField>
          <FormField id="signin-password" label={t('password')} error={text.field(errors.password)}>
            <Controller
              control={form.control}
              name="password"
              render={({ field }) => (
                <Input.Password
                  {...field}
                  id="signin-password"
                  size="large"
                  autoComplete="current-password"
                  prefix={<LockOutlined aria-hidden />}
                  placeholder={t('passwordPlaceholder')}
                  aria-invalid={errors.password ? true : undefined}
                  aria-describedby={errors.password ? describedBy('signin-password') : undefined}
                />
              )}
            />
          </FormField>
          <Button type="primary" htmlType="submit" size="large" block loading={busy(isSubmitting)}>
            {isSubmitting ? t('submitting') : t('submit')}
          </Button>
        </FormLayout>
      </form>
    </Card>
  );
}
