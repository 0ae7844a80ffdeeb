'use client';

import { CopyOutlined, KeyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, Popconfirm, Space, Tag } from 'antd';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { busy } from '@/app/_components/busy';
import { FormField } from '@/app/_components/form-field';
import { MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { PageHead } from '@/app/_components/page-head';
import { TextField } from '@/app/_components/text-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { createTokenInput } from '@/server/tokens/schemas';

type Token = RouterOutputs['tokens']['list'][number];
type CreatedToken = RouterOutputs['tokens']['create'];

export function TokensView({ initialData }: { initialData: Token[] }) {
  const t = useTranslations('tokens');
  const trpc = useTRPC();
  const { data: tokens = initialData } = useQuery(trpc.tokens.list.queryOptions(undefined, { initialData }));
  // The full token lives only here, in memory, until the user dismisses it.
  const [created, setCreated] = useState<CreatedToken | null>(null);

  return (
    <>
      <PageHead title={t('title')} hint={t('hint')}>
        <p className="bl-hint">{t.rich('usage', { code: (chunks) => <code>{chunks}</code> })}</p>
      </PageHead>

      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('create')}</h2>}>
          {created ? (
            <OneTimeToken token={created} onDismiss={() => setCreated(null)} />
          ) : (
            <CreateTokenForm onCreated={setCreated} />
          )}
        </Card>

        <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('listTitle')}</h2>}>
          {tokens.length === 0 ? (
            <Empty description={t('empty')} />
          ) : (
            <ul className="bl-buildings" aria-label={t('listTitle')}>
              {tokens.map((token) => (
                <TokenRow key={token.id} token={token} />
              ))}
            </ul>
          )}
        </Card>
      </Space>
    </>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const t = useTranslations('tokens');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.tokens.create.mutationOptions());
  const { form, onSubmit } = useMutationForm(createTokenInput, { name: '' }, async (values) => {
    const token = await create.mutateAsync(values);
    message.success(t('created', { name: token.name }));
    onCreated(token);
    await queryClient.invalidateQueries(trpc.tokens.list.queryFilter());
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <MutationForm
      label={t('create')}
      onSubmit={onSubmit}
      serverError={errors.root?.server?.message}
      style={{ maxWidth: 480 }}
    >
      <TextField
        control={form.control}
        name="name"
        id="token-name"
        label={t('name')}
        required
        maxLength={60}
        autoComplete="off"
        placeholder={t('namePlaceholder')}
      />
      <Button type="primary" htmlType="submit" icon={<KeyOutlined aria-hidden />} loading={busy(isSubmitting)}>
        {t('submit')}
      </Button>
    </MutationForm>
  );
}

async function copyText(value: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    return false; // insecure context (plain http on a LAN address) or permission refused
  }
}

function OneTimeToken({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
  const t = useTranslations('tokens');
  const tc = useTranslations('common');
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="warning" showIcon title={t('showOnceTitle')} description={t('showOnceWarning')} />
      <FormField id="token-value" label={`${t('newToken')}：${token.name}`}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            id="token-value"
            className="bl-token-value"
            readOnly
            value={token.token}
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button
            icon={<CopyOutlined aria-hidden />}
            onClick={async () => {
              if (await copyText(token.token)) {
                setCopied(true);
                message.success(tc('copied'));
              } else {
                message.warning(tc('copyFailed'));
              }
            }}
          >
            {copied ? tc('copied') : tc('copy')}
          </Button>
        </Space.Compact>
      </FormField>
      <Button onClick={onDismiss}>{t('dismiss')}</Button>
    </Space>
  );
}

function TokenRow({ token }: { token: Token }) {
  const t = useTranslations('tokens');
  const tc = useTranslations('common');
  const format = useFormatter();
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(trpc.tokens.revoke.mutationOptions());
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <li>
      <div style={{ minWidth: 0 }}>
        <div>
          <span className="bl-building-name">{token.name}</span>{' '}
          <span className="bl-building-code">{token.prefix}…</span>
        </div>
        <div style={{ color: 'var(--bl-muted)', fontSize: 13 }}>
          {t('createdAt')} {when(token.createdAt)} · {t('lastUsedAt')}{' '}
          {token.lastUsedAt ? when(token.lastUsedAt) : tc('never')}
        </div>
      </div>
      {token.revokedAt ? (
        <Tag>{t('revoked', { date: when(token.revokedAt) })}</Tag>
      ) : (
        <Space size={8}>
          <Tag color="success">{t('active')}</Tag>
          <Popconfirm
            title={t('revokeConfirmTitle', { name: token.name })}
            description={t('revokeConfirmBody')}
            okText={t('revokeOk')}
            cancelText={tc('cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={async () => {
              try {
                await revoke.mutateAsync({ id: token.id });
                message.success(t('revokedMessage', { name: token.name }));
              } catch (error) {
                message.error(text.fromError(error));
              } finally {
                await queryClient.invalidateQueries(trpc.tokens.list.queryFilter());
              }
            }}
          >
            <Button danger size="small" loading={busy(revoke.isPending)}>
              {t('revoke')}
            </Button>
          </Popconfirm>
        </Space>
      )}
    </li>
  );
}
