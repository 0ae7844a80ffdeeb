'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Radio, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { Controller } from 'react-hook-form';
import type { z } from 'zod';
import { describedBy, FormField } from '@/app/_components/form-field';
import { ListInput } from '@/app/_components/list-input';
import { ListPage, ListTable } from '@/app/_components/list-page';
import { DialogFormButtons, MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { createOrganizationInput, setLegalRepresentativeInput } from '@/server/orgs/schemas';

type Organization = RouterOutputs['orgs']['list'][number];
type Values = z.input<typeof createOrganizationInput>;

const EMPTY: Values = { name: '', creditCode: '', kind: 'ENTERPRISE', regionCodes: [] };

export function OrganizationsView({ initialData }: { initialData: Organization[] }) {
  const t = useTranslations('orgs');
  const tk = useTranslations('orgKinds');
  const format = useFormatter();
  const trpc = useTRPC();

  const { data = initialData, isFetching } = useQuery(trpc.orgs.list.queryOptions(undefined, { initialData }));
  const [editing, setEditing] = useState<Organization | null>(null);

  const columns: TableColumnsType<Organization> = [
    { key: 'name', title: t('name'), dataIndex: 'name' },
    {
      key: 'creditCode',
      title: t('creditCode'),
      dataIndex: 'creditCode',
      render: (code: string) => <span className="bl-mono">{code}</span>,
    },
    {
      key: 'kind',
      title: t('kind'),
      dataIndex: 'kind',
      render: (kind: Organization['kind']) => (
        <Tag color={kind === 'QUALITY_AGENCY' ? 'geekblue' : 'default'}>{tk(kind)}</Tag>
      ),
    },
    {
      key: 'regionCodes',
      title: t('regionCodes'),
      dataIndex: 'regionCodes',
      render: (codes: string[]) => (codes.length ? <span className="bl-mono">{codes.join(', ')}</span> : '—'),
    },
    {
      key: 'legalRepresentative',
      title: t('legalRepresentative'),
      render: (_: unknown, org: Organization) =>
        org.kind === 'ENTERPRISE' ? (
          <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
            {org.legalRepresentative ?? <Tag color="warning">{t('notSet')}</Tag>}
            <Button size="small" onClick={() => setEditing(org)}>
              {t('setLegalRepresentative')}
            </Button>
          </span>
        ) : (
          '—'
        ),
    },
    { key: 'memberCount', title: t('memberCount'), dataIndex: 'memberCount', align: 'right' },
    {
      key: 'createdAt',
      title: t('createdAt'),
      dataIndex: 'createdAt',
      render: (date: Date) => format.dateTime(date, { dateStyle: 'medium' }),
    },
  ];

  return (
    <ListPage
      title={t('title')}
      hint={t('hint')}
      createLabel={t('create')}
      createTitle={t('createTitle')}
      createForm={(close) => <CreateOrganizationForm onDone={close} />}
    >
      <ListTable<Organization>
        columns={columns}
        rows={data}
        loading={isFetching && data.length === 0}
        emptyText={t('empty')}
      />
      <Modal open={editing !== null} title={t('setLegalRepresentative')} footer={null} onCancel={() => setEditing(null)} destroyOnHidden>
        {editing && <LegalRepresentativeForm organization={editing} onDone={() => setEditing(null)} />}
      </Modal>
    </ListPage>
  );
}

/** Records or corrects an enterprise's 法定代表人 (named in its leaders' 授权书). */
function LegalRepresentativeForm({ organization, onDone }: { organization: Organization; onDone: () => void }) {
  const t = useTranslations('orgs');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.orgs.setLegalRepresentative.mutationOptions());
  const { form, onSubmit } = useMutationForm(
    setLegalRepresentativeInput,
    { organizationId: organization.id, legalRepresentative: organization.legalRepresentative ?? '' },
    async (values) => {
      await save.mutateAsync(values);
      message.success(t('legalRepresentativeSaved', { name: values.legalRepresentative }));
      await queryClient.invalidateQueries(trpc.orgs.list.queryFilter());
      onDone();
    },
  );
  return (
    <MutationForm label={`${t('setLegalRepresentative')} · ${organization.name}`} onSubmit={onSubmit} serverError={form.formState.errors.root?.server?.message}>
      <TextField
        control={form.control}
        name="legalRepresentative"
        id="org-legal-representative-edit"
        label={t('legalRepresentative')}
        required
        placeholder={t('legalRepresentativePlaceholder')}
        autoComplete="off"
      />
      <DialogFormButtons submitLabel={t('save')} submitting={form.formState.isSubmitting} onCancel={onDone} />
    </MutationForm>
  );
}

function CreateOrganizationForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations('orgs');
  const tk = useTranslations('orgKinds');
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.orgs.create.mutationOptions());

  const { form, onSubmit } = useMutationForm(createOrganizationInput, EMPTY, async (values) => {
    const created = await create.mutateAsync({
      ...values,
      regionCodes: values.kind === 'QUALITY_AGENCY' ? values.regionCodes : [],
      legalRepresentative: values.kind === 'ENTERPRISE' ? values.legalRepresentative : undefined,
    });
    message.success(t('created', { name: created.name }));
    await queryClient.invalidateQueries(trpc.orgs.list.queryFilter());
    onDone();
  });
  const { errors, isSubmitting } = form.formState;
  const kind = form.watch('kind');
  const regionError = text.field(errors.regionCodes);

  return (
    <MutationForm label={t('createTitle')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <TextField
        control={form.control}
        name="name"
        id="org-name"
        label={t('name')}
        required
        placeholder={t('namePlaceholder')}
        autoComplete="organization"
      />
      <TextField
        control={form.control}
        name="creditCode"
        id="org-credit-code"
        label={t('creditCode')}
        required
        className="bl-mono"
        placeholder={t('creditCodePlaceholder')}
        maxLength={18}
        autoCapitalize="characters"
        spellCheck={false}
        autoComplete="off"
      />
      <FormField id="org-kind" label={t('kind')} required error={text.field(errors.kind)}>
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <Radio.Group
              id="org-kind"
              value={field.value}
              onChange={(event) => field.onChange(event.target.value)}
              optionType="button"
              buttonStyle="solid"
              aria-label={t('kind')}
              options={[
                { value: 'ENTERPRISE', label: tk('ENTERPRISE') },
                { value: 'QUALITY_AGENCY', label: tk('QUALITY_AGENCY') },
              ]}
            />
          )}
        />
      </FormField>
      {kind === 'ENTERPRISE' && (
        <TextField
          control={form.control}
          name="legalRepresentative"
          id="org-legal-representative"
          label={t('legalRepresentative')}
          help={t('legalRepresentativeHelp')}
          emptyAsUndefined
          placeholder={t('legalRepresentativePlaceholder')}
          autoComplete="off"
        />
      )}
      {kind === 'QUALITY_AGENCY' && (
        <FormField
          id="org-regions"
          label={t('regionCodes')}
          required
          help={t('regionCodesHelp')}
          error={regionError}
        >
          <Controller
            control={form.control}
            name="regionCodes"
            render={({ field }) => (
              <ListInput
                id="org-regions"
                className="bl-mono"
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                placeholder={t('regionCodesPlaceholder')}
                autoComplete="off"
                aria-invalid={regionError ? true : undefined}
                aria-describedby={describedBy('org-regions')}
              />
            )}
          />
        </FormField>
      )}
      <DialogFormButtons submitLabel={t('submit')} submitting={isSubmitting} onCancel={onDone} />
    </MutationForm>
  );
}
