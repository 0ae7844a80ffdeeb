'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useController } from 'react-hook-form';
import { FormField, describedBy } from '@/app/_components/form-field';
import { MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { busy } from '@/app/_components/busy';
import { useTRPC } from '@/app/_trpc/client';
import { chinaDate } from '@/server/dates';
import { recordHandoverInput, type RecordHandoverInput } from '@/server/archive/schemas';
import { useDates } from '../../_components/use-dates';
import { DocumentField } from './materials/document-field';

/**
 * 移交城建档案馆 (条例 art 17): the hand-overs recorded in the building's ledger, and for the
 * 建设单位 the form that records one, naming the archive by its seal.json.
 */
export function ArchiveHandover({ buildingId, canHandOver }: { buildingId: string; canHandOver: boolean }) {
  const t = useTranslations('building.handover');
  const trpc = useTRPC();
  const dates = useDates();
  const { data } = useQuery(trpc.archive.handovers.queryOptions({ buildingId }));
  const handovers = data?.handovers ?? [];

  return (
    <section aria-labelledby="archive-handover" style={{ marginTop: 16 }}>
      <h3 id="archive-handover" style={{ fontSize: 16, margin: '0 0 8px' }}>
        {t('title')}
      </h3>
      {data?.dueOn && <HandoverDue dueOn={data.dueOn} firstHandedOn={handovers[0]?.handedOn ?? null} />}
      {handovers.length === 0 ? (
        <p className="bl-hint">{t('none')}</p>
      ) : (
        <ul className="bl-documents" aria-label={t('title')}>
          {handovers.map((h) => (
            <li key={h.seq}>
              <div>{t('record', { agency: h.archiveAgency, date: dates.day(h.handedOn), receiptNo: h.receiptNo, count: h.ledger.count })}</div>
              <div className="bl-hint" style={{ margin: 0 }}>
                {t('manifest')} <code className="bl-hash">{h.manifestSha256}</code>
              </div>
              {h.transferListSha256 && (
                <div className="bl-hint" style={{ margin: 0 }}>
                  {t('transferList')} <code className="bl-hash">{h.transferListSha256}</code>
                </div>
              )}
              <div className="bl-hint" style={{ margin: 0 }}>
                {t('recordedBy', { name: h.by, time: dates.time(h.at) })}
              </div>
            </li>
          ))}
        </ul>
      )}
      {canHandOver && <HandoverForm buildingId={buildingId} />}
    </section>
  );
}

/** Due 3 months after 竣工验收: on time, late, or how late it is now. */
function HandoverDue({ dueOn, firstHandedOn }: { dueOn: string; firstHandedOn: string | null }) {
  const t = useTranslations('building.handover');
  const today = chinaDate();
  const late = firstHandedOn ? firstHandedOn > dueOn : today > dueOn;
  const daysLate = Math.round((Date.parse(today) - Date.parse(dueOn)) / 86_400_000);
  return (
    <p className="bl-hint">
      {t('due', { date: dueOn })}{' '}
      {firstHandedOn ? (
        <Tag color={late ? 'warning' : 'success'}>{late ? t('handedLate') : t('handedOnTime')}</Tag>
      ) : (
        late && <Tag color="error">{t('overdue', { days: daysLate })}</Tag>
      )}
    </p>
  );
}

function HandoverForm({ buildingId }: { buildingId: string }) {
  const t = useTranslations('building.handover');
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const handOver = useMutation(trpc.archive.handOver.mutationOptions());
  const { form, onSubmit } = useMutationForm(
    recordHandoverInput,
    { buildingId, seal: '', archiveAgency: '', receiptNo: '', handedOn: chinaDate(), transferListSha256: undefined } satisfies RecordHandoverInput,
    async (values) => {
      await handOver.mutateAsync(values);
      message.success(t('recorded'));
      await queryClient.invalidateQueries(trpc.archive.handovers.queryFilter({ buildingId }));
      await queryClient.invalidateQueries(trpc.projects.pathFilter());
    },
  );
  const seal = useController({ control: form.control, name: 'seal' });
  const sealError = text.field(seal.fieldState.error);
  const handedOn = useController({ control: form.control, name: 'handedOn' });
  const handedOnError = text.field(handedOn.fieldState.error);

  return (
    <MutationForm label={t('formLabel')} onSubmit={onSubmit} serverError={text.field(form.formState.errors.root?.server)}>
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('hint')}
      </p>
      <FormField id="handover-seal" label={t('seal')} required error={sealError} help={seal.field.value ? t('sealChosen') : undefined}>
        <input
          id="handover-seal"
          type="file"
          accept=".json,application/json"
          onChange={async (event) => seal.field.onChange((await event.target.files?.[0]?.text()) ?? '')}
          aria-invalid={sealError ? true : undefined}
          aria-describedby={sealError || seal.field.value ? describedBy('handover-seal') : undefined}
        />
      </FormField>
      <TextField control={form.control} name="archiveAgency" id="handover-agency" label={t('agency')} required placeholder={t('agencyPlaceholder')} />
      <TextField control={form.control} name="receiptNo" id="handover-receipt" label={t('receiptNo')} required />
      <FormField id="handover-date" label={t('handedOn')} required error={handedOnError}>
        <input
          id="handover-date"
          type="date"
          className="ant-input"
          value={handedOn.field.value}
          max={chinaDate()}
          onChange={(event) => handedOn.field.onChange(event.target.value)}
          aria-invalid={handedOnError ? true : undefined}
          aria-describedby={handedOnError ? describedBy('handover-date') : undefined}
        />
      </FormField>
      <DocumentField control={form.control} name="transferListSha256" id="handover-transfer-list" label={t('transferListField')} help={t('transferListHelp')} optional />
      <Button type="primary" htmlType="submit" loading={busy(form.formState.isSubmitting)}>
        {t('submit')}
      </Button>
    </MutationForm>
  );
}
