'use client';

import { ToolOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Radio } from 'antd';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { describedBy, FormField } from '@/app/_components/form-field';
import { MutationForm } from '@/app/_components/mutation-form';
import { PageHead } from '@/app/_components/page-head';
import { TextField } from '@/app/_components/text-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { newIdempotencyKey } from '@/app/(app)/_components/draft-store';
import { PhotoCapture, useEvidenceSubmit, usePhotoEvidence } from '@/app/(app)/_components/photo-capture';
import { TextAreaField } from '@/app/(app)/_components/text-area-field';
import { useDates } from '@/app/(app)/_components/use-dates';
import { fileClaimInput } from '@/server/warranty/schemas';
import { WARRANTY_CATEGORIES } from '@/server/warranty/terms';

type Data = RouterOutputs['warranty']['building'];
type Values = z.input<typeof fileClaimInput>;
type Parsed = z.output<typeof fileClaimInput>;

/**
 * 报修 on a phone: where in the unit, which kind of work, what is wrong, photos. Before sending it
 * says whether that kind of work is still in warranty and who must repair it; the server judges again.
 */
export function ClaimForm({ userId, building, unit, terms, contractor }: { userId: string; building: Data['building']; unit: Data['units'][number]; terms: NonNullable<Data['terms']>; contractor: string | null }) {
  const t = useTranslations('warranty');
  const text = useErrorText();
  const dates = useDates();
  const router = useRouter();
  const trpc = useTRPC();
  const file = useMutation(trpc.warranty.fileClaim.mutationOptions({ networkMode: 'always' }));
  const owner = `claim:${userId}:${unit.id}`;
  const evidence = usePhotoEvidence(owner);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<Parsed, Values> = fileClaimInput;
  const form = useForm<Values, unknown, Parsed>({ resolver: zodResolver(schema), defaultValues: { unitId: unit.id, category: undefined, location: '', description: '', emergency: false, idempotencyKey } });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  const category = useWatch({ control, name: 'category' });
  const term = terms.find((x) => x.category === category);

  const filed = useRef<string>(null);
  const onSubmit = useEvidenceSubmit(
    form,
    evidence,
    async (values, photoIds) => {
      filed.current = (await file.mutateAsync({ ...values, photoIds })).id;
    },
    async () => router.push(`/warranty/claims/${filed.current}`),
  );

  return (
    <>
      <PageHead title={t('newTitle')} hint={t('unitTitle', { project: building.project.name, building: building.name, unit: unit.number })} />
      <Card>
        <MutationForm label={t('newTitle')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
          <FormField id="claim-category" label={<span id="claim-category-label">{t('category')}</span>} required error={text.field(errors.category)}>
            <Controller
              control={control}
              name="category"
              render={({ field }) => (
                <Radio.Group
                  id="claim-category"
                  value={field.value}
                  onChange={(e) => field.onChange(e.target.value)}
                  className="bl-choice-list"
                  aria-labelledby="claim-category-label"
                  aria-describedby={describedBy('claim-category')}
                  options={WARRANTY_CATEGORIES.map((c) => ({ value: c, label: `${t(`categories.${c}`)}（${t(`examples.${c}`)}）` }))}
                />
              )}
            />
          </FormField>
          {term && (
            <Alert
              role="status"
              type={term.coversToday === false ? 'warning' : 'success'}
              showIcon
              style={{ marginBottom: 16 }}
              title={
                term.coversToday === false
                  ? t('judgedOut', { date: dates.day(term.endsOn!) })
                  : term.endsOn
                    ? t('judgedIn', { date: dates.day(term.endsOn), contractor: contractor ?? '—' })
                    : t('judgedAgreed', { contractor: contractor ?? '—' })
              }
            />
          )}
          <TextField control={control} name="location" id="claim-location" label={t('location')} required placeholder={t('locationPlaceholder')} size="large" autoComplete="off" />
          <TextAreaField control={control} name="description" id="claim-description" label={t('description')} required placeholder={t('descriptionPlaceholder')} />
          <Controller
            control={control}
            name="emergency"
            render={({ field }) => (
              <Checkbox id="claim-emergency" checked={field.value === true} onChange={(e) => field.onChange(e.target.checked)} style={{ marginBottom: 12 }}>
                {t('emergencyLabel')}
              </Checkbox>
            )}
          />
          <PhotoCapture owner={owner} buildingId={building.id} onChange={evidence.onChange} />
          <Button type="primary" htmlType="submit" size="large" block icon={<ToolOutlined aria-hidden />} loading={busy(isSubmitting)}>
            {t('submitClaim')}
          </Button>
        </MutationForm>
      </Card>
    </>
  );
}
