'use client';

import { KeyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Tag } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { z } from 'zod';
import { MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { PageHead } from '@/app/_components/page-head';
import { busy } from '@/app/_components/busy';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { TextAreaField } from '@/app/(app)/_components/text-area-field';
import { useDates } from '@/app/(app)/_components/use-dates';
import { importUnitsInput } from '@/server/warranty/schemas';
import { BuildingHint } from '../building-hint';
import { ClaimList } from '../../../warranty/claim-list';
import { TermsTable } from '../../../warranty/terms-table';

type Data = RouterOutputs['warranty']['building'];

export function BuildingWarrantyView({ initialData }: { initialData: Data }) {
  const t = useTranslations('warranty');
  const dates = useDates();
  const trpc = useTRPC();
  const buildingId = initialData.building.id;
  const { data = initialData } = useQuery(trpc.warranty.building.queryOptions({ buildingId }, { initialData }));
  const { building, terms, units, claims, permissions } = data;
  const overdue = claims.filter((c) => c.overdue);
  return (
    <>
      <PageHead title={t('buildingTitle')} hint={<BuildingHint building={building} />} />
      <div className="bl-inspections">
        <Card title={<h2 className="bl-card-title">{t('termsTitle')}</h2>}>
          {terms ? (
            <>
              <p style={{ marginTop: 0 }}>
                {t('termsHint', { date: dates.day(building.completedOn!), years: building.designWorkingLifeYears, contractor: data.contractor ?? '—' })}
              </p>
              <TermsTable terms={terms} label={t('termsTitle')} />
            </>
          ) : (
            <Empty description={t('notCompleted')} />
          )}
        </Card>
        <Card title={<h2 className="bl-card-title">{t('claimsTitle')}</h2>} extra={<span className="bl-hint">{t('claimCount', { count: claims.length })}</span>}>
          {overdue.length > 0 && <Alert type="error" showIcon role="alert" title={t('overdueCount', { count: overdue.length })} style={{ marginBottom: 12 }} />}
          <ClaimList claims={claims} label={t('claimsTitle')} />
        </Card>
        {permissions.canManageUnits && <UnitsCard data={data} />}
        {!permissions.canManageUnits && permissions.canFile && units.length > 0 && (
          <Card title={<h2 className="bl-card-title">{t('unitsTitle')}</h2>}>
            {units.map((u) => (
              <Link key={u.id} href={`/warranty/new?buildingId=${buildingId}&unitId=${u.id}`} className="bl-touch-link">
                {t('fileClaimFor', { unit: u.number })}
              </Link>
            ))}
          </Card>
        )}
      </div>
    </>
  );
}

/** The 建设单位's units: import from a CSV, and an invitation code per unit (shown once). */
function UnitsCard({ data }: { data: Data }) {
  const t = useTranslations('warranty');
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const importUnits = useMutation(trpc.warranty.importUnits.mutationOptions());
  const invite = useMutation(trpc.warranty.issueInvitation.mutationOptions());
  const [issued, setIssued] = useState<{ unit: string; code: string; expiresAt: Date } | null>(null);
  const [inviteError, setInviteError] = useState<string>();
  const schema: z.ZodType<z.output<typeof importUnitsInput>, z.input<typeof importUnitsInput>> = importUnitsInput;
  const { form, onSubmit } = useMutationForm(schema, { buildingId: data.building.id, csv: '' }, async (values) => {
    const result = await importUnits.mutateAsync(values);
    message.success(t('unitsImported', result));
    await queryClient.invalidateQueries(trpc.warranty.pathFilter());
  });
  const { errors, isSubmitting } = form.formState;
  const dates = useDates();
  return (
    <Card title={<h2 className="bl-card-title">{t('unitsTitle')}</h2>} extra={<span className="bl-hint">{t('unitCount', { count: data.units.length })}</span>}>
      {issued && (
        <Alert
          type="info"
          showIcon
          role="status"
          style={{ marginBottom: 12 }}
          title={t('invitationIssued', { unit: issued.unit })}
          description={
            <>
              <code className="bl-invitation-code" style={{ fontSize: 20 }}>
                {issued.code}
              </code>
              <div className="bl-hint">{t('invitationHint', { date: dates.day(issued.expiresAt) })}</div>
            </>
          }
        />
      )}
      {inviteError && <Alert type="error" showIcon title={inviteError} style={{ marginBottom: 12 }} />}
      {data.units.length === 0 ? (
        <Empty description={t('noUnitsYet')} />
      ) : (
        <ul className="bl-buildings" aria-label={t('unitsTitle')}>
          {data.units.map((u) => (
            <li key={u.id}>
              <span>
                <span className="bl-building-name">{u.number}</span> {u.joined ? <Tag color="success">{t('joined')}</Tag> : <Tag>{t('notJoined')}</Tag>}
              </span>
              <Button
                icon={<KeyOutlined aria-hidden />}
                aria-label={t('inviteFor', { unit: u.number })}
                onClick={async () => {
                  setInviteError(undefined);
                  try {
                    setIssued(await invite.mutateAsync({ unitId: u.id }));
                  } catch (error) {
                    setInviteError(text.fromError(error));
                  }
                }}
              >
                {t('invite')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <MutationForm label={t('importTitle')} onSubmit={onSubmit} serverError={errors.root?.server?.message} style={{ marginTop: 16 }}>
        <TextAreaField control={form.control} name="csv" id="units-csv" label={t('importTitle')} required help={t('importHelp')} placeholder={'户号\n1-101\n1-102'} autoSize={{ minRows: 4, maxRows: 12 }} />
        <Button htmlType="submit" size="large" block loading={busy(isSubmitting)}>
          {t('importSubmit')}
        </Button>
      </MutationForm>
    </Card>
  );
}
