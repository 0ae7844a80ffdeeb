'use client';

import { PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Radio, Table, Tag, type TableColumnsType } from 'antd';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { describedBy, FormField, FormLayout } from '@/app/_components/form-field';
import { ListInput } from '@/app/_components/list-input';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { useApplyServerError } from '@/app/_trpc/form-errors';
import { createOrganizationInput } from '@/server/orgs/schemas';

type Organization = RouterOutputs['orgs']['list'][number];
type Values = z.input<typeof createOrganizationInput>;
type Parsed = z.output<typeof createOrganizationInput>;

const EMPTY: Values = { name: '', creditCode: '', kind: 'ENTERPRISE', regionCodes: [] };

export function OrganizationsView({ initialData }: { initialData: Organization[] }) {
  const t = useTranslations('orgs');
  const tk = useTranslations('orgKinds');
  const tc = useTranslations('common');
  const format = useFormatter();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);

  const { data = initialData, isFetching } = useQuery(trpc.orgs.list.queryOptions(undefined, { initialData }));

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
    { key: 'memberCount', title: t('memberCount'), dataIndex: 'memberCount', align: 'right' },
    {
      key: 'createdAt',
      title: t('createdAt'),
      dataIndex: 'createdAt',
      render: (date: Date) => format.dateTime(date, { dateStyle: 'medium' }),
    },
  ];

  return (
    <>
      <div className="bl-page-head">
        <div>
          <h1>{t('title')}</h1>
          <p className="bl-hint">{t('hint')}</p>
        </div>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
          {t('create')}
        </Button>
      </div>
      <div className="bl-table-wrap">
        <Table<Organization>
          rowKey="id"
          columns={columns}
          dataSource={data}
          loading={isFetching && data.length === 0}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => tc('total', { count }) }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('empty') }}
          size="middle"
        />
      </div>
      <Modal
        open={open}
        title={t('createTitle')}
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        width={560}
      >
        <CreateOrganizationForm onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function CreateOrganizationForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations('orgs');
  const tk = useTranslations('orgKinds');
  const tc = useTranslations('common');
  const text = useErrorText();
  const applyServerError = useApplyServerError();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.orgs.create.mutationOptions());

  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(createOrganizationInput),
    defaultValues: EMPTY,
  });
  const { errors, isSubmitting } = form.formState;
  const kind = form.watch('kind');
  const regionError = text.field(errors.regionCodes);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const created = await create.mutateAsync({
        ...values,
        regionCodes: values.kind === 'QUALITY_AGENCY' ? values.regionCodes : [],
      });
      message.success(t('created', { name: created.name }));
      await queryClient.invalidateQueries(trpc.orgs.list.queryFilter());
      form.reset(EMPTY);
      onDone();
    } catch (error) {
      applyServerError(form, error);
    }
  });

  return (
    <form onSubmit={onSubmit} method="post" noValidate aria-label={t('createTitle')}>
      <FormLayout>
        {errors.root?.server && (
          <Alert type="error" showIcon title={errors.root.server.message} style={{ marginBottom: 16 }} />
        )}
        <FormField id="org-name" label={t('name')} required error={text.field(errors.name)}>
          <Controller
            control={form.control}
            name="name"
            render={({ field }) => (
              <Input
                {...field}
                id="org-name"
                placeholder={t('namePlaceholder')}
                autoComplete="organization"
                aria-invalid={errors.name ? true : undefined}
                aria-describedby={errors.name ? describedBy('org-name') : undefined}
              />
            )}
          />
        </FormField>
        <FormField
          id="org-credit-code"
          label={t('creditCode')}
          required
          error={text.field(errors.creditCode)}
        >
          <Controller
            control={form.control}
            name="creditCode"
            render={({ field }) => (
              <Input
                {...field}
                id="org-credit-code"
                className="bl-mono"
                placeholder={t('creditCodePlaceholder')}
                maxLength={18}
                autoCapitalize="characters"
                spellCheck={false}
                autoComplete="off"
                aria-invalid={errors.creditCode ? true : undefined}
                aria-describedby={errors.creditCode ? describedBy('org-credit-code') : undefined}
              />
            )}
          />
        </FormField>
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
        <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
          <Button onClick={onDone}>{tc('cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={busy(isSubmitting)}>
            {t('submit')}
          </Button>
        </div>
      </FormLayout>
    </form>
  );
}
