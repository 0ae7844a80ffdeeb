'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Skeleton, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useController, type Control } from 'react-hook-form';
import type { z } from 'zod';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC } from '@/app/_trpc/client';
import { materialRefusal } from '@/server/materials/usability';
import type { selfCheckForm, SelfCheckValues } from './self-check-draft';

/**
 * 所用材料: the building's batches (进场验收) to name in the self-check. Each says whether the 监理
 * approved it; one that may not be used (materialRefusal, the rule the server applies) is disabled
 * with its reason — unless the draft already holds it, so it can be taken out.
 */
export function MaterialPicker({ control, buildingId }: { control: Control<SelfCheckValues, unknown, z.output<typeof selfCheckForm>>; buildingId: string }) {
  const t = useTranslations('selfCheck');
  const trpc = useTRPC();
  const text = useErrorText();
  const { field, fieldState } = useController({ control, name: 'receiptIds' });
  const { data, isPending, isError } = useQuery(trpc.materials.list.queryOptions({ buildingId }));
  const chosen = field.value ?? [];
  const toggle = (id: string, on: boolean) => field.onChange(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  const error = text.field(fieldState.error);
  const batches = (data?.receipts ?? []).map((receipt) => ({
    ...receipt,
    refusal: materialRefusal({ approval: receipt.approval, samples: (data?.samples ?? []).filter((s) => s.receiptId === receipt.id) }),
  }));

  return (
    <fieldset ref={field.ref} tabIndex={-1} className="bl-materials" aria-describedby="self-check-materials-hint">
      <legend>{t('materialsTitle')}</legend>
      <p id="self-check-materials-hint" className="bl-hint">
        {t('materialsHint')}
      </p>
      {isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : isError ? (
        <Alert type="warning" showIcon title={t('materialsUnavailable', { count: chosen.length })} />
      ) : batches.length === 0 ? (
        <p className="bl-hint">{t('materialsNone')}</p>
      ) : (
        <ul className="bl-material-list">
          {batches.map((batch) => {
            const checked = chosen.includes(batch.id);
            return (
              <li key={batch.id}>
                <Checkbox checked={checked} disabled={batch.refusal !== null && !checked} onChange={(event) => toggle(batch.id, event.target.checked)} className="bl-confirm-box">
                  {t('materialLabel', { name: batch.name, specification: batch.specification, batchNo: batch.batchNo })}{' '}
                  {batch.refusal ? (
                    <Tag color={batch.refusal.code === 'MATERIAL_SAMPLE_FAILED' ? 'error' : 'warning'}>
                      {t(`materialRefusal.${batch.refusal.code}`, { samples: batch.refusal.sampleNos.join('、') })}
                    </Tag>
                  ) : (
                    <Tag color="success">{t('materialApproved')}</Tag>
                  )}
                </Checkbox>
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p role="alert" className="bl-error-text">
          {error}
        </p>
      )}
    </fieldset>
  );
}
