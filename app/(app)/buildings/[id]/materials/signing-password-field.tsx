'use client';

import { useTranslations } from 'next-intl';
import type { Control, FieldPathByValue, FieldValues } from 'react-hook-form';
import { TextField } from '@/app/_components/text-field';

/** The password re-entered to sign a materials record (the signer's key opens with it). */
export function SigningPasswordField<Values extends FieldValues, Parsed>({
  control,
  name,
  id,
}: {
  control: Control<Values, unknown, Parsed>;
  name: FieldPathByValue<Values, string | undefined>;
  id: string;
}) {
  const t = useTranslations('materials');
  return <TextField control={control} name={name} id={id} label={t('password')} required password size="large" autoComplete="current-password" help={t('passwordHint')} />;
}
