'use client';

import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card } from 'antd';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { PageHead } from '@/app/_components/page-head';
import { TextField } from '@/app/_components/text-field';
import { useTRPC } from '@/app/_trpc/client';
import { createProjectInput } from '@/server/projects/schemas';
import { SelectField } from '../../_components/fields';

type Values = z.input<typeof createProjectInput>;

export function NewProjectForm({ organizations }: { organizations: { id: string; name: string }[] }) {
  const t = useTranslations('newProject');
  const tc = useTranslations('common');
  const router = useRouter();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const create = useMutation(trpc.projects.create.mutationOptions());

  const empty: Values = {
    name: '',
    code: '',
    address: '',
    regionCode: '',
    // One organization: it is the 建设单位, nothing to choose.
    ownerOrganizationId: organizations.length === 1 ? organizations[0]!.id : '',
  };
  const { form, onSubmit } = useMutationForm(createProjectInput, empty, async (values) => {
    const created = await create.mutateAsync(values);
    message.success(t('created', { name: values.name }));
    router.push(`/projects/${created.id}`);
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <>
      <PageHead title={t('title')} hint={t('hint')} />
      {organizations.length === 0 ? (
        <Alert type="info" showIcon title={t('noOrganization')} action={<Link href="/">{tc('backHome')}</Link>} />
      ) : (
        <Card style={{ maxWidth: 640 }}>
          <MutationForm label={t('title')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
            <TextField control={form.control} name="name" id="project-name" label={t('name')} required placeholder={t('namePlaceholder')} autoComplete="off" size="large" />
            <TextField
              control={form.control}
              name="code"
              id="project-code"
              label={t('code')}
              required
              className="bl-mono"
              placeholder={t('codePlaceholder')}
              autoCapitalize="characters"
              spellCheck={false}
              autoComplete="off"
              maxLength={40}
              size="large"
            />
            <TextField control={form.control} name="address" id="project-address" label={t('address')} required placeholder={t('addressPlaceholder')} autoComplete="street-address" size="large" />
            <TextField
              control={form.control}
              name="regionCode"
              id="project-region"
              label={t('regionCode')}
              required
              className="bl-mono"
              inputMode="numeric"
              maxLength={6}
              placeholder={t('regionCodePlaceholder')}
              autoComplete="off"
              size="large"
            />
            <SelectField
              control={form.control}
              name="ownerOrganizationId"
              id="project-owner"
              label={t('owner')}
              required
              help={t('ownerHelp')}
              placeholder={t('ownerPlaceholder')}
              options={organizations.map((o) => ({ value: o.id, label: o.name }))}
            />
            <Button type="primary" htmlType="submit" size="large" icon={<PlusOutlined aria-hidden />} loading={busy(isSubmitting)}>
              {t('submit')}
            </Button>
          </MutationForm>
        </Card>
      )}
    </>
  );
}
