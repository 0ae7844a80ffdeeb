'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button } from 'antd';
import { useTranslations } from 'next-intl';
import type { Control, FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { DialogFormButtons, MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useTRPC } from '@/app/_trpc/client';
import {
  addStaffInput,
  appointLeaderInput,
  assignPartyInput,
  changeLeaderInput,
  correctLeaderDetailsInput,
} from '@/server/parties/schemas';
import { STAFF_POSITIONS } from '@/server/authz/roles';
import { SelectField } from '../../_components/fields';
import type { Party } from './party-card';
import type { ProjectData } from './project-view';

type Candidate = Party['candidates'][number];

function candidateOptions(candidates: Candidate[]) {
  return candidates.map((c) => ({ value: c.userId, label: `${c.name}（${c.login}）` }));
}

/** After any change to a party, the project page (and the gates of its buildings) reload. */
function useRefreshProject() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.projects.pathFilter());
}

/** 指定单位: which enterprise plays this party in the project. */
export function AssignPartyForm({
  projectId,
  role,
  partyName,
  organizations,
}: {
  projectId: string;
  role: Party['role'];
  partyName: string;
  organizations: ProjectData['organizations'];
}) {
  const t = useTranslations('partyCard');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const refresh = useRefreshProject();
  const assign = useMutation(trpc.parties.assign.mutationOptions());
  const empty: z.input<typeof assignPartyInput> = { projectId, role, organizationId: '' };
  const { form, onSubmit } = useMutationForm(assignPartyInput, empty, async (values) => {
    await assign.mutateAsync(values);
    message.success(t('assigned', { party: partyName }));
    await refresh();
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <MutationForm label={t('assignTitle', { party: partyName })} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <SelectField
        control={form.control}
        name="organizationId"
        id={`assign-${role}`}
        label={t('assignOrganization')}
        required
        placeholder={t('assignPlaceholder')}
        options={organizations.map((o) => ({ value: o.id, label: o.name }))}
      />
      <Button type="primary" htmlType="submit" loading={busy(isSubmitting)} style={{ marginBottom: 12 }}>
        {t('assign')}
      </Button>
    </MutationForm>
  );
}

/** 身份证号, 注册执业资格, 注册执业证号: what the 授权书 and 承诺书 will state. */
function LeaderDetailFields<Values extends FieldValues & { idNumber: string; qualificationType: string; qualificationNo: string }, Parsed>({
  control,
  prefix,
}: {
  control: Control<Values, unknown, Parsed>;
  prefix: string;
}) {
  const t = useTranslations('partyCard');
  // The names are fixed by the constraint on Values; TextField wants them as its own path type.
  type StringPath = Parameters<typeof TextField<Values, Parsed>>[0]['name'];
  return (
    <>
      <TextField
        control={control}
        name={'idNumber' as StringPath}
        id={`${prefix}-id-number`}
        label={t('idNumber')}
        required
        className="bl-mono"
        maxLength={18}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        placeholder={t('idNumberPlaceholder')}
      />
      <TextField
        control={control}
        name={'qualificationType' as StringPath}
        id={`${prefix}-qualification-type`}
        label={t('qualificationType')}
        required
        autoComplete="off"
        placeholder={t('qualificationTypePlaceholder')}
      />
      <TextField
        control={control}
        name={'qualificationNo' as StringPath}
        id={`${prefix}-qualification-no`}
        label={t('qualificationNo')}
        required
        className="bl-mono"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('qualificationNoPlaceholder')}
      />
    </>
  );
}

/** 任命项目负责人: a member of the party's organization, with the identity data the documents need. */
export function AppointLeaderForm({ projectId, party, onDone }: { projectId: string; party: Party; onDone: () => void }) {
  const t = useTranslations('partyCard');
  const tl = useTranslations('partyLeaders');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const refresh = useRefreshProject();
  const appoint = useMutation(trpc.parties.appointLeader.mutationOptions());
  const empty: z.input<typeof appointLeaderInput> = {
    projectId,
    role: party.role,
    userId: '',
    idNumber: '',
    qualificationType: '',
    qualificationNo: '',
  };
  const { form, onSubmit } = useMutationForm(appointLeaderInput, empty, async (values) => {
    await appoint.mutateAsync(values);
    const name = party.candidates.find((c) => c.userId === values.userId)?.name ?? '';
    message.success(t('appointed', { name, title: tl(party.role) }));
    await refresh();
    onDone();
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <MutationForm label={t('appointTitle', { title: tl(party.role) })} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('appointHint')}
      </p>
      <SelectField
        control={form.control}
        name="userId"
        id="appoint-user"
        label={t('person')}
        required
        placeholder={t('personPlaceholder')}
        help={party.candidates.length === 0 ? t('noCandidates') : undefined}
        options={candidateOptions(party.candidates)}
      />
      <LeaderDetailFields control={form.control} prefix="appoint" />
      <DialogFormButtons submitLabel={t('appointSubmit')} submitting={isSubmitting} onCancel={onDone} />
    </MutationForm>
  );
}

/** 变更项目负责人 (124号 art 8): the new person, why, from when, approved by whom. */
export function ChangeLeaderForm({ projectId, party, onDone }: { projectId: string; party: Party; onDone: () => void }) {
  const t = useTranslations('partyCard');
  const tl = useTranslations('partyLeaders');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const refresh = useRefreshProject();
  const change = useMutation(trpc.parties.changeLeader.mutationOptions());
  const empty: z.input<typeof changeLeaderInput> = {
    projectId,
    role: party.role,
    userId: '',
    idNumber: '',
    qualificationType: '',
    qualificationNo: '',
    reason: '',
    effectiveOn: '',
    approvedBy: '',
  };
  const { form, onSubmit } = useMutationForm(changeLeaderInput, empty, async (values) => {
    await change.mutateAsync(values);
    const name = party.candidates.find((c) => c.userId === values.userId)?.name ?? '';
    message.success(t('changed', { name, title: tl(party.role) }));
    await refresh();
    onDone();
  });
  const { errors, isSubmitting } = form.formState;
  const candidates = party.candidates.filter((c) => c.userId !== party.leader?.userId);
  return (
    <MutationForm label={t('changeTitle', { title: tl(party.role) })} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('changeWarningTitle')}
        description={t('changeWarning', { name: party.leader?.name ?? '', title: tl(party.role) })}
      />
      <SelectField
        control={form.control}
        name="userId"
        id="change-user"
        label={t('newPerson')}
        required
        placeholder={t('personPlaceholder')}
        help={candidates.length === 0 ? t('noCandidates') : undefined}
        options={candidateOptions(candidates)}
      />
      <LeaderDetailFields control={form.control} prefix="change" />
      <TextField
        control={form.control}
        name="reason"
        id="change-reason"
        label={t('reason')}
        required
        autoComplete="off"
        placeholder={t('reasonPlaceholder')}
      />
      <TextField control={form.control} name="effectiveOn" id="change-effective" label={t('effectiveOn')} required type="date" />
      <TextField
        control={form.control}
        name="approvedBy"
        id="change-approved-by"
        label={t('approvedBy')}
        required
        autoComplete="off"
        placeholder={t('approvedByPlaceholder')}
      />
      <DialogFormButtons submitLabel={t('changeSubmit')} submitting={isSubmitting} onCancel={onDone} />
    </MutationForm>
  );
}

/** 更正身份信息: the current leader's data was entered wrongly; what is signed must be signed again. */
export function CorrectLeaderForm({ party, onDone }: { party: Party; onDone: () => void }) {
  const t = useTranslations('partyCard');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const refresh = useRefreshProject();
  const correct = useMutation(trpc.parties.correctLeaderDetails.mutationOptions());
  const leader = party.leader!;
  const empty: z.input<typeof correctLeaderDetailsInput> = {
    memberId: leader.memberId,
    // The full number is never sent to the page: it is typed again.
    idNumber: '',
    qualificationType: leader.qualificationType ?? '',
    qualificationNo: leader.qualificationNo ?? '',
  };
  const { form, onSubmit } = useMutationForm(correctLeaderDetailsInput, empty, async (values) => {
    await correct.mutateAsync(values);
    message.success(t('corrected', { name: leader.name }));
    await refresh();
    onDone();
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <MutationForm label={t('correctTitle', { name: leader.name })} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('correctHint')} />
      <LeaderDetailFields control={form.control} prefix="correct" />
      <DialogFormButtons submitLabel={t('correctSubmit')} submitting={isSubmitting} onCancel={onDone} />
    </MutationForm>
  );
}

/** 添加人员: a member of the party's organization takes a seat with a title (质检员, 专业监理工程师 …). */
export function AddStaffForm({
  projectId,
  party,
  candidates,
  onDone,
}: {
  projectId: string;
  party: Party;
  candidates: Candidate[];
  onDone: () => void;
}) {
  const t = useTranslations('partyCard');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const refresh = useRefreshProject();
  const tpos = useTranslations('positions');
  const add = useMutation(trpc.parties.addStaff.mutationOptions());
  const empty: z.input<typeof addStaffInput> = { projectId, role: party.role, userId: '', title: '' };
  const { form, onSubmit } = useMutationForm(addStaffInput, empty, async (values) => {
    await add.mutateAsync(values);
    const name = candidates.find((c) => c.userId === values.userId)?.name ?? '';
    message.success(t('staffAdded', { name }));
    await refresh();
    onDone();
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <MutationForm label={t('addStaff')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <SelectField
        control={form.control}
        name="userId"
        id="staff-user"
        label={t('person')}
        required
        placeholder={t('personPlaceholder')}
        help={candidates.length === 0 ? t('noCandidates') : undefined}
        options={candidateOptions(candidates)}
      />
      <TextField
        control={form.control}
        name="title"
        id="staff-title"
        label={t('jobTitle')}
        required
        autoComplete="off"
        placeholder={t('jobTitlePlaceholder')}
      />
      {party.role === 'CONSTRUCTION' && (
        <SelectField
          control={form.control}
          name="position"
          id="staff-position"
          label={t('position')}
          help={t('positionHelp')}
          allowClear
          placeholder={t('positionNone')}
          options={STAFF_POSITIONS.map((p) => ({ value: p, label: tpos(p) }))}
        />
      )}
      <DialogFormButtons submitLabel={t('addStaffSubmit')} submitting={isSubmitting} onCancel={onDone} />
    </MutationForm>
  );
}
