'use client';

import { DeleteOutlined, FileExclamationOutlined, PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useController, useFieldArray, useForm, type Control } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { describedBy, FormField } from '@/app/_components/form-field';
import { MutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { useApplyServerError } from '@/app/_trpc/form-errors';
import { newIdempotencyKey } from '@/app/(app)/_components/draft-store';
import { SelectField } from '@/app/(app)/_components/fields';
import { TextAreaField } from '@/app/(app)/_components/text-area-field';
import { useDates } from '@/app/(app)/_components/use-dates';
import { issueNoticeInput } from '@/server/notices/schemas';
import { chinaDate } from '@/server/dates';

type Data = RouterOutputs['notices']['building'];
type Records = NonNullable<Data['records']>;
type Values = z.input<typeof issueNoticeInput>;
type Parsed = z.output<typeof issueNoticeInput>;
type RecordKey = 'lotIds' | 'photoIds' | 'receiptIds' | 'concealedWorkIds';

const emptyItem = { finding: '', basis: '', requiredAction: '', lotIds: [], photoIds: [], receiptIds: [], concealedWorkIds: [] };

/** The inspector's 整改通知单: the party, basis, dates, numbered items with the records each concerns, signed with the password. */
export function IssueNoticeForm({ buildingId, data, onIssued }: { buildingId: string; data: Data & { records: Records }; onIssued: () => void }) {
  const t = useTranslations('notices');
  const tp = useTranslations('parties');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const applyServerError = useApplyServerError();
  const dates = useDates();
  const issue = useMutation(trpc.notices.issue.mutationOptions({ networkMode: 'always' }));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<Parsed, Values> = issueNoticeInput;
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema),
    defaultValues: { buildingId, partyRole: 'CONSTRUCTION', basis: '', issuedOn: chinaDate(), deadline: '', supervisionInspectionId: undefined, items: [emptyItem], password: '', idempotencyKey },
  });
  const { control } = form;
  const { fields, append, remove } = useFieldArray({ control, name: 'items' });
  const { errors, isSubmitting } = form.formState;
  const { records } = data;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const { number } = await issue.mutateAsync(values);
      message.success(t('issued', { number }));
      await queryClient.invalidateQueries(trpc.notices.pathFilter());
      onIssued();
    } catch (error) {
      applyServerError(form, error);
    }
  });

  const options: Record<RecordKey, { value: string; label: string }[]> = {
    lotIds: records.lots.map((l) => ({ value: l.id, label: `${l.name}（${l.location}）` })),
    photoIds: records.photos.map((p) => ({ value: p.id, label: t('photoOption', { sha: p.sha256.slice(0, 12), time: dates.time(p.receivedAt) }) })),
    receiptIds: records.receipts.map((r) => ({ value: r.id, label: `${r.name} ${r.batchNo}` })),
    concealedWorkIds: records.concealedWorks.map((w) => ({ value: w.id, label: w.location })),
  };

  return (
    <MutationForm label={t('issueTitle')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('issueHint')}
      </p>
      <SelectField control={control} name="partyRole" id="notice-party" label={t('party')} required options={data.parties.map((p) => ({ value: p.role, label: `${tp(p.role)} · ${p.organization}` }))} />
      <TextField control={control} name="basis" id="notice-basis" label={t('basis')} required placeholder={t('basisPlaceholder')} size="large" autoComplete="off" />
      <TextField control={control} name="issuedOn" id="notice-issued-on" label={t('issuedOn')} required type="date" size="large" />
      <TextField control={control} name="deadline" id="notice-deadline" label={t('deadline')} required type="date" size="large" min={chinaDate()} />
      {records.inspections.length > 0 && (
        <SelectField
          control={control}
          name="supervisionInspectionId"
          id="notice-inspection"
          label={t('inspection')}
          allowClear
          options={records.inspections.map((i) => ({ value: i.id, label: t('inspectionOption', { date: dates.day(i.inspectedOn) }) }))}
        />
      )}
      <div className="bl-check-items">
        {fields.map((field, index) => (
          <fieldset key={field.id} className="bl-check-item">
            <legend>{t('item', { n: index + 1 })}</legend>
            <TextAreaField control={control} name={`items.${index}.finding`} id={`notice-item-${index}-finding`} label={t('finding')} required placeholder={t('findingPlaceholder')} />
            <TextField control={control} name={`items.${index}.basis`} id={`notice-item-${index}-basis`} label={t('itemBasis')} required placeholder={t('itemBasisPlaceholder')} size="large" autoComplete="off" />
            <TextAreaField control={control} name={`items.${index}.requiredAction`} id={`notice-item-${index}-action`} label={t('requiredAction')} required placeholder={t('requiredActionPlaceholder')} />
            {(['lotIds', 'photoIds', 'receiptIds', 'concealedWorkIds'] as const).map(
              (key) =>
                options[key].length > 0 && (
                  <RecordsField key={key} control={control} name={`items.${index}.${key}`} id={`notice-item-${index}-${key}`} label={t(key.replace(/Ids$/, 's') as 'lots')} options={options[key]} />
                ),
            )}
            {fields.length > 1 && (
              <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => remove(index)}>
                {t('removeItem', { n: index + 1 })}
              </Button>
            )}
          </fieldset>
        ))}
      </div>
      <div className="bl-add-items">
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => append(emptyItem)} size="large">
          {t('addItem')}
        </Button>
      </div>
      <TextField control={control} name="password" id="notice-password" label={t('password')} required password size="large" autoComplete="current-password" help={t('passwordHint')} />
      <Button type="primary" htmlType="submit" size="large" block icon={<FileExclamationOutlined aria-hidden />} loading={busy(isSubmitting)}>
        {t('issueSubmit')}
      </Button>
    </MutationForm>
  );
}

/** The records of the building an item concerns, several of one kind. */
function RecordsField({ control, name, id, label, options }: { control: Control<Values, unknown, Parsed>; name: `items.${number}.${RecordKey}`; id: string; label: string; options: { value: string; label: string }[] }) {
  const t = useTranslations('notices');
  const text = useErrorText();
  const { field, fieldState } = useController({ control, name });
  const error = text.field(fieldState.error);
  return (
    <FormField id={id} label={label} error={error}>
      <Select
        id={id}
        mode="multiple"
        ref={field.ref}
        value={field.value ?? []}
        onChange={(value: string[]) => field.onChange(value)}
        onBlur={field.onBlur}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('pick')}
        options={options}
        size="large"
        style={{ width: '100%' }}
        aria-describedby={error ? describedBy(id) : undefined}
      />
    </FormField>
  );
}
