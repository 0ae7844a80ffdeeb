'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Radio } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { describedBy, FormField } from '@/app/_components/form-field';
import { MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC } from '@/app/_trpc/client';
import { newIdempotencyKey } from '@/app/(app)/_components/draft-store';
import { DecisionField } from '@/app/(app)/_components/decision-field';
import { TextAreaField } from '@/app/(app)/_components/text-area-field';
import { chinaDate } from '@/server/dates';
import {
  APPEARANCE_GRADES,
  fileCompletionDocumentInput,
  openCompletionAcceptanceInput,
  openDivisionAcceptanceInput,
  recordFilingInput,
  signMilestoneInput,
} from '@/server/milestones/schemas';
import { issueSupervisionReportInput } from '@/server/supervision/schemas';
import { DocumentField } from '../materials/document-field';

/** Every form here signs: each success reloads the page's data (and the building's, whose completion date may change). */
function useRefreshMilestones() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => Promise.all([trpc.milestones, trpc.projects].map((router) => queryClient.invalidateQueries(router.pathFilter())));
}

/** A box the signer ticks to declare a fact that is theirs to declare (the schema wants `true`). */
function DeclarationField<Values extends FieldValues, Parsed>({ control, name, id, label }: { control: Control<Values, unknown, Parsed>; name: Path<Values>; id: string; label: string }) {
  const text = useErrorText();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <FormField id={id} label={null} error={text.field(fieldState.error)}>
          <Checkbox id={id} checked={field.value === true} onChange={(e) => field.onChange(e.target.checked)} aria-describedby={describedBy(id)}>
            {label}
          </Checkbox>
        </FormField>
      )}
    />
  );
}

function SubmitButtons({ submitting, label, onCancel }: { submitting: boolean; label: string; onCancel?: () => void }) {
  const t = useTranslations('milestones');
  return (
    <div style={{ display: 'flex', gap: 8 }}>
      <Button type="primary" htmlType="submit" size="large" block loading={busy(submitting)}>
        {label}
      </Button>
      {onCancel && (
        <Button size="large" onClick={onCancel}>
          {t('cancel')}
        </Button>
      )}
    </div>
  );
}

export function OpenDivisionForm({ buildingId, divisionCode, name, onDone }: { buildingId: string; divisionCode: string; name: string; onDone: () => void }) {
  const t = useTranslations('milestones');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const refresh = useRefreshMilestones();
  const open = useMutation(trpc.milestones.openDivision.mutationOptions({ networkMode: 'always' }));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<z.output<typeof openDivisionAcceptanceInput>, z.input<typeof openDivisionAcceptanceInput>> = openDivisionAcceptanceInput;
  const { form, onSubmit } = useMutationForm(
    schema,
    { buildingId, divisionCode: divisionCode as z.input<typeof openDivisionAcceptanceInput>['divisionCode'], heldOn: chinaDate(), appearance: 'GOOD', opinion: '', password: '', idempotencyKey },
    async (values) => {
      await open.mutateAsync(values);
      message.success(t('divisionOpened'));
      await refresh();
      onDone();
    },
  );
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  const id = `open-${divisionCode}`;
  return (
    <MutationForm label={t('openDivisionTitle', { name })} onSubmit={onSubmit} serverError={errors.root?.server?.message} style={{ marginTop: 12 }}>
      <TextField control={control} name="heldOn" id={`${id}-held-on`} label={t('heldOnLabel')} required type="date" size="large" max={chinaDate()} />
      <DeclarationField control={control} name="qualityDocumentsComplete" id={`${id}-documents`} label={t('qualityDocumentsComplete')} />
      <DeclarationField control={control} name="functionalTestsConform" id={`${id}-tests`} label={t('functionalTestsConform')} />
      <DecisionField
        control={control}
        name="appearance"
        id={`${id}-appearance`}
        label={t('appearance')}
        help={t('appearanceHelp')}
        chooseText={t('choose')}
        options={APPEARANCE_GRADES.map((g) => ({ value: g, label: t(`appearances.${g}`) }))}
      />
      <TextAreaField control={control} name="opinion" id={`${id}-opinion`} label={t('opinion')} placeholder={t('opinionPlaceholder')} />
      <TextField control={control} name="password" id={`${id}-password`} label={t('password')} required password size="large" autoComplete="current-password" help={t('passwordHint')} />
      <SubmitButtons submitting={isSubmitting} label={t('submitOpenDivision')} onCancel={onDone} />
    </MutationForm>
  );
}

export function OpenCompletionForm({ buildingId, heldOn, onDone }: { buildingId: string; heldOn: string; onDone: () => void }) {
  const t = useTranslations('milestones');
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const refresh = useRefreshMilestones();
  const open = useMutation(trpc.milestones.openCompletion.mutationOptions({ networkMode: 'always' }));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<z.output<typeof openCompletionAcceptanceInput>, z.input<typeof openCompletionAcceptanceInput>> = openCompletionAcceptanceInput;
  const { form, onSubmit } = useMutationForm(schema, { buildingId, heldOn, opinion: '', password: '', idempotencyKey }, async (values) => {
    await open.mutateAsync(values);
    message.success(t('completionOpened'));
    await refresh();
    onDone();
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  return (
    <MutationForm label={t('openCompletion')} onSubmit={onSubmit} serverError={errors.root?.server?.message} style={{ marginTop: 12 }}>
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('completionHeldOn', { date: heldOn })}
      </p>
      <DeclarationField control={control} name="designAndContractDone" id="completion-c1" label={t('preconditions.C1')} />
      <DeclarationField control={control} name="paymentSettled" id="completion-c7" label={t('preconditions.C7')} />
      <FormField id="completion-c9" label={<span id="completion-c9-label">{t('preconditions.C9')}</span>} required error={text.field(errors.householdAcceptance)}>
        <Controller
          control={control}
          name="householdAcceptance"
          render={({ field }) => (
            <Radio.Group
              id="completion-c9"
              value={field.value}
              onChange={(e) => field.onChange(e.target.value)}
              className="bl-choice-list"
              aria-labelledby="completion-c9-label"
              aria-describedby={describedBy('completion-c9')}
              options={(['PASSED', 'NOT_HOUSING'] as const).map((v) => ({ value: v, label: t(`household.${v}`) }))}
            />
          )}
        />
      </FormField>
      <DeclarationField control={control} name="otherConditions" id="completion-c11" label={t('preconditions.C11')} />
      <TextAreaField control={control} name="opinion" id="completion-opinion" label={t('opinion')} placeholder={t('opinionPlaceholder')} />
      <TextField control={control} name="password" id="completion-password" label={t('password')} required password size="large" autoComplete="current-password" help={t('passwordHint')} />
      <SubmitButtons submitting={isSubmitting} label={t('submitOpenCompletion')} onCancel={onDone} />
    </MutationForm>
  );
}

export function SignForm({ milestoneId, role, position, title }: { milestoneId: string; role: z.input<typeof signMilestoneInput>['role']; position: z.input<typeof signMilestoneInput>['position']; title: string }) {
  const t = useTranslations('milestones');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const refresh = useRefreshMilestones();
  const sign = useMutation(trpc.milestones.sign.mutationOptions({ networkMode: 'always' }));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<z.output<typeof signMilestoneInput>, z.input<typeof signMilestoneInput>> = signMilestoneInput;
  const { form, onSubmit } = useMutationForm(schema, { milestoneId, role, position, agrees: true, opinion: '', password: '', idempotencyKey }, async (values) => {
    await sign.mutateAsync(values);
    message.success(t('signed'));
    await refresh();
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  const id = `sign-${milestoneId}-${role}-${position}`;
  return (
    <MutationForm label={t('signAs', { title })} onSubmit={onSubmit} serverError={errors.root?.server?.message} style={{ marginTop: 12 }}>
      <h4 className="bl-subdivision-title">{t('signAs', { title })}</h4>
      <DecisionField
        control={control}
        name="agrees"
        id={`${id}-agrees`}
        label={t('decision')}
        chooseText={t('choose')}
        options={[
          { value: true, label: t('agree') },
          { value: false, label: t('disagree') },
        ]}
      />
      <TextAreaField control={control} name="opinion" id={`${id}-opinion`} label={t('opinion')} placeholder={t('signOpinionPlaceholder')} />
      <TextField control={control} name="password" id={`${id}-password`} label={t('password')} required password size="large" autoComplete="current-password" help={t('passwordHint')} />
      <SubmitButtons submitting={isSubmitting} label={t('submitSign')} />
    </MutationForm>
  );
}

type DocumentKind = z.input<typeof fileCompletionDocumentInput>['kind'];

export function DocumentForm({ buildingId, kind, onDone }: { buildingId: string; kind: DocumentKind; onDone: () => void }) {
  const t = useTranslations('milestones');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const refresh = useRefreshMilestones();
  const file = useMutation(trpc.milestones.fileDocument.mutationOptions({ networkMode: 'always' }));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<z.output<typeof fileCompletionDocumentInput>, z.input<typeof fileCompletionDocumentInput>> = fileCompletionDocumentInput;
  const notice = kind === 'ACCEPTANCE_NOTICE';
  const { form, onSubmit } = useMutationForm(schema, { buildingId, kind, summary: '', issuedOn: chinaDate(), plannedOn: notice ? '' : undefined, password: '', idempotencyKey }, async (values) => {
    await file.mutateAsync(values);
    message.success(t('documentSaved'));
    await refresh();
    onDone();
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  const id = `document-${kind}-form`;
  return (
    <MutationForm label={t(`documents.${kind}`)} onSubmit={onSubmit} serverError={errors.root?.server?.message} style={{ marginTop: 12 }}>
      <TextField control={control} name="issuedOn" id={`${id}-issued-on`} label={t(notice ? 'noticeDeliveredOn' : 'issuedOn')} required type="date" size="large" max={chinaDate()} />
      {notice && <TextField control={control} name="plannedOn" id={`${id}-planned-on`} label={t('plannedOn')} required type="date" size="large" help={t('plannedOnHelp')} />}
      <TextAreaField control={control} name="summary" id={`${id}-summary`} label={t(notice ? 'noticeSummary' : 'summary')} required placeholder={t(`summaryPlaceholders.${kind}`)} />
      <DocumentField control={control} name="fileSha256" id={`${id}-file`} label={t('file')} help={t('fileHelp')} optional />
      <TextField control={control} name="password" id={`${id}-password`} label={t('password')} required password size="large" autoComplete="current-password" help={t('passwordHint')} />
      <SubmitButtons submitting={isSubmitting} label={t('submitDocument')} onCancel={onDone} />
    </MutationForm>
  );
}

export function FilingForm({ buildingId, completedOn }: { buildingId: string; completedOn: string }) {
  const t = useTranslations('milestones');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const refresh = useRefreshMilestones();
  const record = useMutation(trpc.milestones.recordFiling.mutationOptions({ networkMode: 'always' }));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<z.output<typeof recordFilingInput>, z.input<typeof recordFilingInput>> = recordFilingInput;
  const { form, onSubmit } = useMutationForm(schema, { buildingId, filedOn: chinaDate(), authority: '', filingNumber: '', password: '', idempotencyKey }, async (values) => {
    await record.mutateAsync(values);
    message.success(t('filingSaved'));
    await refresh();
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  return (
    <MutationForm label={t('filingTitle')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <TextField control={control} name="filedOn" id="filing-date" label={t('filedOn')} required type="date" size="large" min={completedOn} max={chinaDate()} />
      <TextField control={control} name="authority" id="filing-authority" label={t('authority')} required size="large" autoComplete="off" placeholder={t('authorityPlaceholder')} />
      <TextField control={control} name="filingNumber" id="filing-number" label={t('filingNumber')} required size="large" autoComplete="off" />
      <DocumentField control={control} name="fileSha256" id="filing-file" label={t('filingFile')} help={t('fileHelp')} optional />
      <TextField control={control} name="password" id="filing-password" label={t('password')} required password size="large" autoComplete="current-password" help={t('passwordHint')} />
      <SubmitButtons submitting={isSubmitting} label={t('submitFiling')} />
    </MutationForm>
  );
}

export function ReportForm({ buildingId }: { buildingId: string }) {
  const t = useTranslations('milestones');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const refresh = useRefreshMilestones();
  const issue = useMutation(trpc.supervision.issueReport.mutationOptions({ networkMode: 'always' }));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<z.output<typeof issueSupervisionReportInput>, z.input<typeof issueSupervisionReportInput>> = issueSupervisionReportInput;
  const { form, onSubmit } = useMutationForm(schema, { buildingId, conclusion: '', password: '', idempotencyKey }, async (values) => {
    await issue.mutateAsync(values);
    message.success(t('reportIssued'));
    await refresh();
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  return (
    <MutationForm label={t('reportTitle')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <TextAreaField control={control} name="conclusion" id="report-conclusion" label={t('conclusion')} required placeholder={t('conclusionPlaceholder')} />
      <TextField control={control} name="password" id="report-password" label={t('password')} required password size="large" autoComplete="current-password" help={t('passwordHint')} />
      <SubmitButtons submitting={isSubmitting} label={t('submitReport')} />
    </MutationForm>
  );
}
