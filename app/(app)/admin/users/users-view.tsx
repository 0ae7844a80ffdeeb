'use client';

import { PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Input, Modal, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useFormatter, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { describedBy, FormField, FormLayout } from '@/app/_components/form-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { useApplyServerError } from '@/app/_trpc/form-errors';
import { createUserInput, GLOBAL_ROLES } from '@/server/users/schemas';

type User = RouterOutputs['users']['list'][number];
type Organization = RouterOutputs['orgs']['list'][number];
type Values = z.input<typeof createUserInput>;
type Parsed = z.output<typeof createUserInput>;

const EMPTY: Values = {
  login: '',
  name: '',
  phone: undefined,
  password: '',
  roles: [],
  organizationId: undefined,
  title: undefined,
};

const newestFirst = <T extends { createdAt: Date }>(rows: T[]) =>
  [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());

/** Optional text fields: an empty box means "not given" (the schema rejects ''). */
const emptyToUndefined = (value: string) => (value.trim() === '' ? undefined : value);

export function UsersView({
  initialUsers,
  initialOrganizations,
}: {
  initialUsers: User[];
  initialOrganizations: Organization[];
}) {
  const t = useTranslations('users');
  const tr = useTranslations('roles');
  const tc = useTranslations('common');
  const format = useFormatter();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);

  const { data: users = initialUsers } = useQuery(trpc.users.list.queryOptions(undefined, { initialData: initialUsers }));
  const { data: organizations = initialOrganizations } = useQuery(
    trpc.orgs.list.queryOptions(undefined, { initialData: initialOrganizations }),
  );
  const rows = useMemo(() => newestFirst(users), [users]);

  const columns: TableColumnsType<User> = [
    {
      key: 'name',
      title: t('name'),
      render: (_, user) => (
        <>
          <div style={{ fontWeight: 500 }}>{user.name}</div>
          <div className="bl-mono" style={{ color: 'var(--bl-muted)', fontSize: 13 }}>
            {user.login}
          </div>
        </>
      ),
    },
    {
      key: 'roles',
      title: t('roles'),
      dataIndex: 'roles',
      render: (roles: User['roles']) =>
        roles.length
          ? roles.map((role) => (
              <Tag key={role} color={role === 'ADMIN' ? 'blue' : role === 'INSPECTOR' ? 'geekblue' : 'green'}>
                {tr(role)}
              </Tag>
            ))
          : '—',
    },
    {
      key: 'organizations',
      title: t('organization'),
      dataIndex: 'organizations',
      render: (orgs: User['organizations']) =>
        orgs.length
          ? orgs.map((o) => (
              <div key={o.id}>
                {o.name}
                {o.title ? (
                  <span style={{ color: 'var(--bl-muted)' }}>{tc('parenthetical', { label: o.title })}</span>
                ) : null}
              </div>
            ))
          : '—',
    },
    {
      key: 'phone',
      title: t('phone'),
      dataIndex: 'phoneMasked',
      render: (phone: string | null) => (phone ? <span className="bl-mono">{phone}</span> : '—'),
    },
    {
      key: 'status',
      title: t('status'),
      dataIndex: 'disabled',
      render: (disabled: boolean) =>
        disabled ? <Tag color="red">{t('disabled')}</Tag> : <Tag color="success">{t('active')}</Tag>,
    },
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
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => tc('total', { count }) }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('empty') }}
          size="middle"
        />
      </div>
      <Modal open={open} title={t('createTitle')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden width={560}>
        <CreateUserForm organizations={organizations} onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function CreateUserForm({ organizations, onDone }: { organizations: Organization[]; onDone: () => void }) {
  const t = useTranslations('users');
  const tr = useTranslations('roles');
  const tk = useTranslations('orgKinds');
  const tc = useTranslations('common');
  const text = useErrorText();
  const applyServerError = useApplyServerError();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.users.create.mutationOptions());

  const form = useForm<Values, unknown, Parsed>({ resolver: zodResolver(createUserInput), defaultValues: EMPTY });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const created = await create.mutateAsync(values);
      message.success(t('created', { name: created.name, login: created.login }));
      await queryClient.invalidateQueries(trpc.users.list.queryFilter());
      await queryClient.invalidateQueries(trpc.orgs.list.queryFilter());
      form.reset(EMPTY);
      onDone();
    } catch (error) {
      applyServerError(form, error);
    }
  });

  const optionalText = (id: string, name: 'phone' | 'title', extra: Record<string, unknown>) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <Input
          id={id}
          name={field.name}
          ref={field.ref}
          value={field.value ?? ''}
          onChange={(event) => field.onChange(emptyToUndefined(event.target.value))}
          onBlur={field.onBlur}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={errors[name] ? describedBy(id) : undefined}
          {...extra}
        />
      )}
    />
  );

  return (
    <form onSubmit={onSubmit} method="post" noValidate aria-label={t('createTitle')}>
      <FormLayout>
        {errors.root?.server && (
          <Alert type="error" showIcon title={errors.root.server.message} style={{ marginBottom: 16 }} />
        )}
        <FormField id="user-login" label={t('login')} required error={text.field(errors.login)}>
          <Controller
            control={form.control}
            name="login"
            render={({ field }) => (
              <Input
                {...field}
                id="user-login"
                className="bl-mono"
                placeholder={t('loginPlaceholder')}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                aria-invalid={errors.login ? true : undefined}
                aria-describedby={errors.login ? describedBy('user-login') : undefined}
              />
            )}
          />
        </FormField>
        <FormField id="user-name" label={t('name')} required error={text.field(errors.name)}>
          <Controller
            control={form.control}
            name="name"
            render={({ field }) => (
              <Input
                {...field}
                id="user-name"
                autoComplete="off"
                aria-invalid={errors.name ? true : undefined}
                aria-describedby={errors.name ? describedBy('user-name') : undefined}
              />
            )}
          />
        </FormField>
        <FormField id="user-phone" label={t('phone')} error={text.field(errors.phone)}>
          {optionalText('user-phone', 'phone', {
            type: 'tel',
            inputMode: 'numeric',
            maxLength: 11,
            autoComplete: 'off',
            placeholder: t('phonePlaceholder'),
            className: 'bl-mono',
          })}
        </FormField>
        <FormField id="user-password" label={t('password')} required error={text.field(errors.password)}>
          <Controller
            control={form.control}
            name="password"
            render={({ field }) => (
              <Input.Password
                {...field}
                id="user-password"
                autoComplete="new-password"
                placeholder={t('passwordPlaceholder')}
                aria-invalid={errors.password ? true : undefined}
                aria-describedby={errors.password ? describedBy('user-password') : undefined}
              />
            )}
          />
        </FormField>
        <FormField
          id="user-roles"
          label={t('roles')}
          help={t('rolesHelp')}
          error={text.field(errors.roles)}
        >
          <Controller
            control={form.control}
            name="roles"
            render={({ field }) => (
              <div id="user-roles" role="group" aria-label={t('roles')} aria-describedby={describedBy('user-roles')}>
                <Checkbox.Group
                  value={field.value}
                  onChange={(values) => field.onChange(values)}
                  options={GLOBAL_ROLES.map((role) => ({ value: role, label: tr(role) }))}
                />
              </div>
            )}
          />
        </FormField>
        <FormField
          id="user-org"
          label={t('organization')}
          error={text.field(errors.organizationId)}
        >
          <Controller
            control={form.control}
            name="organizationId"
            render={({ field }) => (
              <Select
                id="user-org"
                value={field.value}
                onChange={(value: string | undefined) => field.onChange(value ?? undefined)}
                onBlur={field.onBlur}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('organizationPlaceholder')}
                options={organizations.map((org) => ({
                  value: org.id,
                  label: tc('withNote', { name: org.name, note: tk(org.kind) }),
                }))}
                aria-invalid={errors.organizationId ? true : undefined}
                aria-describedby={errors.organizationId ? describedBy('user-org') : undefined}
              />
            )}
          />
        </FormField>
        <FormField id="user-title" label={t('jobTitle')} error={text.field(errors.title)}>
          {optionalText('user-title', 'title', { placeholder: t('jobTitlePlaceholder'), autoComplete: 'organization-title' })}
        </FormField>
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
