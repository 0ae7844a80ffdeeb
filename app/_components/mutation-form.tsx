'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button } from 'antd';
import { useTranslations } from 'next-intl';
import type { CSSProperties, FormEventHandler, ReactNode } from 'react';
import { useForm, type DefaultValues, type FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import { useApplyServerError } from '@/app/_trpc/form-errors';
import { busy } from './busy';
import { FormLayout } from './form-field';

/**
 * A react-hook-form form checked by the schema the server checks too, whose submit calls the
 * server (`submit`, e.g. a tRPC mutation). When `submit` succeeds the form starts over from
 * its defaults; when it throws, the server's error lands on its field or on `root.server`
 * (shown by MutationForm).
 */
export function useMutationForm<Values extends FieldValues, Parsed>(
  schema: z.ZodType<Parsed, Values>,
  defaultValues: DefaultValues<Values>,
  submit: (values: Parsed) => Promise<void>,
) {
  const applyServerError = useApplyServerError();
  const form = useForm<Values, unknown, Parsed>({ resolver: zodResolver(schema), defaultValues });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await submit(values);
      form.reset(defaultValues);
    } catch (error) {
      applyServerError(form, error);
    }
  });
  return { form, onSubmit };
}

/**
 * The <form> of a useMutationForm: named for assistive technology, antd's field layout, and
 * the error that belongs to no field (`root.server`) above the fields. `method="post"` keeps
 * a submit before hydration from putting the values into the URL.
 */
export function MutationForm({
  label,
  onSubmit,
  serverError,
  style,
  children,
}: {
  label: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  serverError: string | undefined;
  style?: CSSProperties;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} method="post" noValidate aria-label={label} style={style}>
      <FormLayout>
        {serverError !== undefined && <Alert type="error" showIcon title={serverError} style={{ marginBottom: 16 }} />}
        {children}
      </FormLayout>
    </form>
  );
}

/** Cancel and submit, at the foot of a form in a dialog. */
export function DialogFormButtons({
  submitLabel,
  submitting,
  onCancel,
}: {
  submitLabel: string;
  submitting: boolean;
  onCancel: () => void;
}) {
  const tc = useTranslations('common');
  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
      <Button onClick={onCancel}>{tc('cancel')}</Button>
      <Button type="primary" htmlType="submit" loading={busy(submitting)}>
        {submitLabel}
      </Button>
    </div>
  );
}
