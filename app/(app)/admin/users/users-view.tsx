'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Popconfirm, Select, Tag, type TableColumnsType } from 'antd';
import { useFormatter, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { Controller } from 'react-hook-form';
import type { z } from 'zod';
import { describedBy, FormField } from '@/app/_components/form-field';
import { ListPage, ListTable } from '@/app/_components/list-page';
import { DialogFormButtons, MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { createUserInput, GLOBAL_ROLES } from '@/server/users/schemas';

type User = RouterOutputs['users']['list'][number];
type Organization = RouterOutputs['orgs']['list'][number];
type Values = z.input<typeof createUserInput>;

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

export function UsersView({
  initialUsers,
  initialOrganizations,
  currentUserId,
}: {
  initialUsers: User[];
  initialOrganizations: Organization[];
  currentUserId: string;
}) {
  const t = useTranslations('users');
  const tr = useTranslations('roles');
  const tc = useTranslations('common');
  const format = useFormatter();
  const trpc = useTRPC();

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
    {
      key: 'actions',
      title: t('actions'),
      render: (_, user) => (user.id === currentUserId ? '—' : <DisableToggle user={user} />),
    },
  ];

  return (
    <ListPage
      title={t('title')}
      hint={t('hint')}
      createLabel={t('create')}
      createTitle={t('createTitle')}
      createForm={(close) => <CreateUserForm organizations={organizations} onDone={close} />}
    >
      <ListTable<User> columns={columns} rows={rows} emptyText={t('empty')} />
    </ListPage>
  );
}

function CreateUserForm({ organizations, onDone }: { organizations: Organization[]; onDone: () => void }) {
  const t = useTranslations('users');
  const tr = useTranslations('roles');
  const tk = useTranslations('orgKinds');
  const tc = useTranslations('common');
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.users.create.mutationOptions());

  const { form, onSubmit } = useMutationForm(createUserInput, EMPTY, async (values) => {
    const created = await create.mutateAsync(values);
    message.success(t('created', { name: created.name, login: created.login }));
    await queryClient.invalidateQueries(trpc.users.list.queryFilter());
    await queryClient.invalidateQueries(trpc.orgs.list.queryFilter());
    onDone();
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <MutationForm label={t('createTitle')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <TextField
        control={form.control}
        name="login"
        id="user-login"
        label={t('login')}
        required
        className="bl-mono"
        placeholder={t('loginPlaceholder')}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
      />
      <TextField control={form.control} name="name" id="user-name" label={t('name')} required autoComplete="off" />
      <TextField
        control={form.control}
        name="phone"
        id="user-phone"
        label={t('phone')}
        emptyAsUndefined
        type="tel"
        inputMode="numeric"
        maxLength={11}
        autoComplete="off"
        placeholder={t('phonePlaceholder')}
        className="bl-mono"
      />
      <TextField
        control={form.control}
        name="password"
        id="user-password"
        label={t('password')}
        required
        password
        autoComplete="new-password"
        placeholder={t('passwordPlaceholder')}
      />
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
      <TextField
        control={form.control}
        name="title"
        id="user-title"
        label={t('jobTitle')}
        emptyAsUndefined
        placeholder={t('jobTitlePlaceholder')}
        autoComplete="organization-title"
      />
      <DialogFormButtons submitLabel={t('submit')} submitting={isSubmitting} onCancel={onDone} />
    </MutationForm>
  );
}

/** Disable (or enable again) an account; a disabled user is signed out and their tokens stop. */
function DisableToggle({ user }: { user: User }) {
  const t = useTranslations('users');
  const tc = useTranslations('common');
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setDisabled = useMutation(trpc.users.setDisabled.mutationOptions());
  const disable = !user.disabled;

  return (
    <Popconfirm
      title={disable ? t('disableConfirm', { name: user.name }) : t('enableConfirm', { name: user.name })}
      okText={disable ? t('disable') : t('enable')}
      cancelText={tc('cancel')}
      okButtonProps={{ danger: disable }}
      onConfirm={async () => {
        try {
          await setDisabled.mutateAsync({ userId: user.id, disabled: disable });
          message.success(disable ? t('disabledDone', { name: user.name }) : t('enabledDone', { name: user.name }));
          await queryClient.invalidateQueries(trpc.users.list.queryFilter());
        } catch (error) {
          message.error(text.fromError(error));
        }
      }}
    >
      <Button size="small" danger={disable} aria-label={`${disable ? t('disable') : t('enable')} ${user.login}`}>
        {disable ? t('disable') : t('enable')}
      </Button>
    </Popconfirm>
  );
}
