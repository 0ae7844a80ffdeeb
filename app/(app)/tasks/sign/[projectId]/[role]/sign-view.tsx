'use client';

import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Empty, Result } from 'antd';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { describedBy, FormField } from '@/app/_components/form-field';
import { MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { PageHead } from '@/app/_components/page-head';
import { TextField } from '@/app/_components/text-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import type { PartyRole } from '@/server/authz/roles';
import type { AuthorizationContent, PledgeContent } from '@/server/pledges/content';
import { signPledgesInput } from '@/server/pledges/schemas';
import { OriginalUpload } from '@/app/(app)/_components/original-upload';

type Task = RouterOutputs['pledges']['tasks'][number];
type Preview = RouterOutputs['pledges']['preview'];

/** The procedure's schema, plus the reading confirmation that only the form asks for. */
const signForm = signPledgesInput.extend({
  confirmed: z.boolean().refine((v) => v, { error: 'validation.mustConfirm' }),
});
type SignValues = z.input<typeof signForm>;

/** Why a leader cannot sign yet (the preview's and the task's reasons). */
const BLOCKERS = ['party', 'leader', 'building', 'legalRepresentative', 'leaderDetails'] as const;
type Blocker = (typeof BLOCKERS)[number];
const isBlocker = (value: string): value is Blocker => (BLOCKERS as readonly string[]).includes(value);

export function SignView({
  projectId,
  role,
  initialTasks,
  preview,
}: {
  projectId: string;
  role: PartyRole;
  initialTasks: Task[];
  preview: Preview | null;
}) {
  const t = useTranslations('signing');
  const tl = useTranslations('partyLeaders');
  const trpc = useTRPC();
  const { data: tasks = initialTasks } = useQuery(trpc.pledges.tasks.queryOptions(undefined, { initialData: initialTasks }));
  const task = tasks.find((x) => x.projectId === projectId && x.role === role) ?? null;
  // What was signed here: the count and the buildings it covered (the task list forgets them once signed).
  const [signed, setSigned] = useState<{ count: number; buildings: { id: string; code: string; name: string }[] } | null>(null);
  const initialTask = initialTasks.find((x) => x.projectId === projectId && x.role === role) ?? null;
  const projectName = task?.projectName ?? initialTask?.projectName;

  const blockers = [...new Set<string>([...(preview?.blockers ?? []), ...(initialTask?.blockers ?? [])])].filter(isBlocker);
  const canSign = signed === null && preview !== null && preview.authorization !== null && preview.pledge !== null && blockers.length === 0;
  const showUpload = signed !== null || (task?.needsOriginal ?? false);

  return (
    <div className="bl-sign-page">
      <PageHead title={t('title')} hint={projectName ? t('hint', { project: projectName, title: tl(role) }) : tl(role)} />

      {signed !== null && (
        <Card style={{ marginBottom: 16 }}>
          <Result
            status="success"
            style={{ padding: '8px 0' }}
            title={<h2 style={{ margin: 0, fontSize: 20 }}>{t('signedTitle', { count: signed.count })}</h2>}
            subTitle={t('signedHint')}
            extra={
              <ul className="bl-buildings" aria-label={t('signedBuildings')} style={{ textAlign: 'start' }}>
                {signed.buildings.map((b) => (
                  <li key={b.id}>
                    <Link href={`/buildings/${b.id}`} className="bl-touch-link">
                      {b.name}
                    </Link>
                    <span className="bl-building-code">{b.code}</span>
                  </li>
                ))}
              </ul>
            }
          />
        </Card>
      )}

      {signed === null && !initialTask && (
        <Card style={{ marginBottom: 16 }}>
          <Empty description={t('nothing')}>
            <Link href="/tasks">{t('backToTasks')}</Link>
          </Empty>
        </Card>
      )}

      {signed === null && blockers.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('blockedTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {blockers.map((b) => (
                <li key={b}>{t(`blockers.${b}`)}</li>
              ))}
            </ul>
          }
        />
      )}

      {signed === null && preview && preview.buildings.length > 0 && (
        <Card title={<h2 className="bl-card-title">{t('buildingsTitle', { count: preview.buildings.length })}</h2>} style={{ marginBottom: 16 }}>
          <p className="bl-hint" style={{ marginTop: 0 }}>
            {t('buildingsHint')}
          </p>
          <ul className="bl-buildings">
            {preview.buildings.map((b) => (
              <li key={b.id}>
                <span className="bl-building-name">{b.name}</span>
                <span className="bl-building-code">{b.code}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}

      {signed === null && preview?.authorization && <AuthorizationDocument doc={preview.authorization} />}
      {signed === null && preview?.pledge && <PledgeDocument doc={preview.pledge} />}

      {canSign && preview && (
        <SignForm
          projectId={projectId}
          role={role}
          onSigned={(count) => setSigned({ count, buildings: preview.buildings })}
        />
      )}

      {showUpload && (
        <Card title={<h2 className="bl-card-title">{t('originalTitle')}</h2>} style={{ marginTop: 16 }}>
          <OriginalUpload projectId={projectId} role={role} />
        </Card>
      )}
    </div>
  );
}

/** One labelled fact of a document; long values wrap. */
function Fact({ label, value, mono }: { label: string; value: string | number; mono?: boolean }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={mono ? 'bl-mono' : undefined}>{value === '' ? '—' : value}</dd>
    </>
  );
}

/** 法定代表人授权书 as it will be signed (every field of the content). */
function AuthorizationDocument({ doc }: { doc: AuthorizationContent }) {
  const t = useTranslations('signing.doc');
  return (
    <article aria-labelledby="doc-authorization" className="bl-document">
      <h2 id="doc-authorization">{t('authorizationTitle')}</h2>
      <p>{t('authorizationIntro', { organization: doc.party.organizationName, legalRepresentative: doc.party.legalRepresentativeName, leader: doc.leader.name, work: `${doc.project.name} ${doc.building.name}`, title: doc.leader.title })}</p>
      <dl className="bl-facts">
        <Fact label={t('organizationName')} value={doc.party.organizationName} />
        <Fact label={t('uscc')} value={doc.party.uscc} mono />
        <Fact label={t('legalRepresentative')} value={doc.party.legalRepresentativeName} />
        <Fact label={t('projectName')} value={doc.project.name} />
        <Fact label={t('projectCode')} value={doc.project.code} mono />
        <Fact label={t('projectAddress')} value={doc.project.address} />
        <Fact label={t('buildingName')} value={doc.building.name} />
        <Fact label={t('buildingCode')} value={doc.building.code} mono />
        <Fact label={t('designWorkingLife')} value={t('years', { years: doc.building.designWorkingLifeYears })} />
        <Fact label={t('leaderName')} value={doc.leader.name} />
        <Fact label={t('idNumber')} value={doc.leader.idNumber} mono />
        <Fact label={t('qualificationType')} value={doc.leader.qualificationType} />
        <Fact label={t('qualificationNo')} value={doc.leader.qualificationNo} mono />
        <Fact label={t('leaderTitle')} value={doc.leader.title} />
        <Fact label={t('authorizedOn')} value={doc.authorizedOn} />
      </dl>
      <h3>{t('scope')}</h3>
      <p className="bl-document-text">{doc.scopeText}</p>
      <p className="bl-hint">{t('authorizationNote')}</p>
    </article>
  );
}

/** 工程质量终身责任承诺书 as it will be signed. */
function PledgeDocument({ doc }: { doc: PledgeContent }) {
  const t = useTranslations('signing.doc');
  return (
    <article aria-labelledby="doc-pledge" className="bl-document">
      <h2 id="doc-pledge">{t('pledgeTitle')}</h2>
      <p>{t('pledgeIntro', { organization: doc.party.organizationName, legalRepresentative: doc.party.legalRepresentativeName, work: `${doc.project.name} ${doc.building.name}`, title: doc.leader.title })}</p>
      <p className="bl-document-text">{doc.pledgeText}</p>
      <dl className="bl-facts">
        <Fact label={t('pledger')} value={doc.leader.name} />
        <Fact label={t('idNumber')} value={doc.leader.idNumber} mono />
        <Fact label={t('qualificationType')} value={doc.leader.qualificationType} />
        <Fact label={t('qualificationNo')} value={doc.leader.qualificationNo} mono />
        <Fact label={t('leaderTitle')} value={doc.leader.title} />
        <Fact label={t('organizationName')} value={doc.party.organizationName} />
        <Fact label={t('uscc')} value={doc.party.uscc} mono />
        <Fact label={t('legalRepresentative')} value={doc.party.legalRepresentativeName} />
        <Fact label={t('projectName')} value={doc.project.name} />
        <Fact label={t('buildingName')} value={doc.building.name} />
        <Fact label={t('designWorkingLife')} value={t('years', { years: doc.building.designWorkingLifeYears })} />
        <Fact label={t('basedOn')} value={doc.authorization.contentSha256 || t('basedOnNew')} mono={doc.authorization.contentSha256 !== ''} />
        <Fact label={t('signedOn')} value={doc.signedOn} />
      </dl>
    </article>
  );
}

/** 登录密码 + the reading confirmation → pledges.sign. A wrong password is shown under its field; nothing is signed. */
function SignForm({ projectId, role, onSigned }: { projectId: string; role: PartyRole; onSigned: (count: number) => void }) {
  const t = useTranslations('signing');
  const text = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sign = useMutation(trpc.pledges.sign.mutationOptions());
  const empty: SignValues = { projectId, role, password: '', confirmed: false };
  const { form, onSubmit } = useMutationForm(signForm, empty, async ({ confirmed: _confirmed, ...values }) => {
    const result = await sign.mutateAsync(values);
    onSigned(result.signed);
    await Promise.all([
      queryClient.invalidateQueries(trpc.pledges.pathFilter()),
      queryClient.invalidateQueries(trpc.projects.pathFilter()),
    ]);
  });
  const { errors, isSubmitting } = form.formState;
  const confirmError = text.field(errors.confirmed);

  return (
    <Card title={<h2 className="bl-card-title">{t('formTitle')}</h2>} style={{ marginTop: 16 }}>
      <MutationForm label={t('formTitle')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
        <p className="bl-hint" style={{ marginTop: 0 }}>
          {t('formHint')}
        </p>
        <TextField
          control={form.control}
          name="password"
          id="sign-password"
          label={t('password')}
          required
          password
          size="large"
          autoComplete="current-password"
        />
        <FormField id="sign-confirm" label={null} error={confirmError}>
          <Controller
            control={form.control}
            name="confirmed"
            render={({ field }) => (
              <Checkbox
                id="sign-confirm"
                ref={field.ref}
                checked={field.value === true}
                onChange={(event) => field.onChange(event.target.checked)}
                onBlur={field.onBlur}
                className="bl-confirm-box"
                aria-invalid={confirmError ? true : undefined}
                aria-describedby={confirmError ? describedBy('sign-confirm') : undefined}
              >
                {t('confirm')}
              </Checkbox>
            )}
          />
        </FormField>
        <Button type="primary" htmlType="submit" size="large" block icon={<EditOutlined aria-hidden />} loading={busy(isSubmitting)}>
          {t('submit')}
        </Button>
      </MutationForm>
    </Card>
  );
}
