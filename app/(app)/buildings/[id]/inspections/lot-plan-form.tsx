'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Select, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useController, useWatch, type Control } from 'react-hook-form';
import type { z } from 'zod';
import { describedBy, FormField } from '@/app/_components/form-field';
import { DialogFormButtons, MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC } from '@/app/_trpc/client';
import { CoercedTextField } from '@/app/(app)/_components/fields';
import { minimumSample } from '@/server/inspections/acceptance';
import { CATALOG } from '@/server/inspections/catalog';
import { createLotInput } from '@/server/inspections/schemas';

type Values = z.input<typeof createLotInput>;

/** A lot of the building, as the planning form offers it for predecessors and named 分项. */
export type PlannedLot = { id: string; name: string; location: string; subdivisionCode: string; itemCode: string; itemName: string };

/** The 分项 picker's value: a catalog code, a name already used in this building, or "other". */
const OTHER = '__other__';
const NAMED = 'name:';

/** The minimum sample for what is typed as the capacity, or undefined while it is no lot size. */
function sampleFor(capacity: unknown): number | null | undefined {
  const n = Number(String(capacity ?? '').trim());
  if (String(capacity ?? '').trim() === '' || !Number.isInteger(n) || n < 1) return undefined;
  return minimumSample(n);
}

/**
 * 新建检验批 (the 施工单位's 划分方案, GB 55032 4.1.1–4.1.2): 分部 → 子分部 from the catalog, then a
 * catalog 分项 or one named here, the lot's name, 部位/区段, 容量, and the lots that must be
 * accepted before it.
 */
export function LotPlanForm({ buildingId, lots, onDone }: { buildingId: string; lots: PlannedLot[]; onDone: () => void }) {
  const t = useTranslations('inspections');
  const tc = useTranslations('common');
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.inspections.createLot.mutationOptions({ networkMode: 'always' }));

  const empty: Values = { buildingId, subdivisionCode: '', name: '', location: '', capacity: '', capacityUnit: '', predecessorIds: [] };
  const { form, onSubmit } = useMutationForm(createLotInput, empty, async (values) => {
    await create.mutateAsync(values);
    message.success(t('created', { name: values.name }));
    await queryClient.invalidateQueries(trpc.inspections.pathFilter());
    onDone();
  });
  const { errors, isSubmitting } = form.formState;
  const c = form.control;

  const [divisionCode, setDivisionCode] = useState<string | undefined>();
  const [itemChoice, setItemChoice] = useState<string | undefined>();
  const subdivisionCode = useWatch({ control: c, name: 'subdivisionCode' });
  const capacity = useWatch({ control: c, name: 'capacity' });
  const division = CATALOG.find((d) => d.code === divisionCode);
  const subdivision = division?.subdivisions.find((s) => s.code === subdivisionCode);

  /** The 分项 picker sets itemCode (a catalog 分项) or itemName (one named here); "other" waits for the name. */
  function chooseItem(choice: string | undefined) {
    setItemChoice(choice);
    const catalogCode = choice && choice !== OTHER && !choice.startsWith(NAMED) ? choice : undefined;
    form.setValue('itemCode', catalogCode);
    form.setValue('itemName', choice?.startsWith(NAMED) ? choice.slice(NAMED.length) : undefined);
    form.clearErrors('itemCode');
  }

  // A 分部 or 子分部 picked anew starts what depends on it over (see the selects' onChange).
  const subdivisionField = useController({ control: c, name: 'subdivisionCode' });
  const itemError = text.field(errors.itemCode);
  const subdivisionError = text.field(errors.subdivisionCode);

  // 分项 named in this building for the 子分部 (codes DDSS + X + n), offered again by name.
  const namedHere = [...new Map(lots.filter((l) => l.subdivisionCode === subdivisionCode && l.itemCode.includes('X')).map((l) => [l.itemName, l])).keys()];
  const itemOptions = [
    ...(subdivision?.items ?? []).map((i) => ({ value: i.code, label: i.name, verified: i.verified })),
    ...namedHere.map((name) => ({ value: `${NAMED}${name}`, label: name, verified: true })),
    { value: OTHER, label: t('itemOther'), verified: true },
  ];
  const chosenCatalogItem = subdivision?.items.find((i) => i.code === itemChoice);

  const sample = sampleFor(capacity);
  const sampleHelp = sample === undefined ? t('minimumSampleHint') : sample === null ? t('minimumSampleAbove') : t('minimumSample', { count: sample });

  return (
    <MutationForm label={t('createTitle')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <FormField id="lot-division" label={t('division')} required>
        <Select
          id="lot-division"
          value={divisionCode}
          onChange={(code: string) => {
            setDivisionCode(code);
            subdivisionField.field.onChange('');
            chooseItem(undefined);
          }}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('divisionPlaceholder')}
          options={CATALOG.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` }))}
          size="large"
          style={{ width: '100%' }}
        />
      </FormField>
      <FormField id="lot-subdivision" label={t('subdivision')} required error={subdivisionError}>
        <Select
          id="lot-subdivision"
          ref={subdivisionField.field.ref}
          value={subdivisionCode || undefined}
          onChange={(code: string) => {
            subdivisionField.field.onChange(code);
            chooseItem(undefined);
          }}
          disabled={!division}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={division ? t('subdivisionPlaceholder') : t('chooseDivisionFirst')}
          options={(division?.subdivisions ?? []).map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
          size="large"
          style={{ width: '100%' }}
          aria-invalid={subdivisionError ? true : undefined}
          aria-describedby={subdivisionError ? describedBy('lot-subdivision') : undefined}
        />
      </FormField>
      <FormField
        id="lot-item"
        label={t('item')}
        required
        error={itemError}
        help={chosenCatalogItem && !chosenCatalogItem.verified ? t('unverifiedHelp') : subdivision && subdivision.items.length === 0 ? t('noCatalogItems') : undefined}
      >
        <Select
          id="lot-item"
          value={itemChoice}
          onChange={(choice: string) => chooseItem(choice)}
          disabled={!subdivision}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={subdivision ? t('itemPlaceholder') : t('chooseSubdivisionFirst')}
          options={itemOptions}
          optionRender={(option) => (
            <span>
              {option.label}
              {option.data.verified === false && (
                <Tag style={{ marginInlineStart: 6 }} title={t('unverifiedHelp')}>
                  {t('unverified')}
                </Tag>
              )}
            </span>
          )}
          size="large"
          style={{ width: '100%' }}
          aria-invalid={itemError ? true : undefined}
          aria-describedby={itemError || chosenCatalogItem ? describedBy('lot-item') : undefined}
        />
      </FormField>
      {itemChoice === OTHER && (
        <TextField control={c} name="itemName" id="lot-item-name" label={t('itemName')} required emptyAsUndefined help={t('itemNameHelp')} autoComplete="off" size="large" />
      )}
      <TextField control={c} name="name" id="lot-name" label={t('name')} required placeholder={t('namePlaceholder')} autoComplete="off" size="large" />
      <TextField control={c} name="location" id="lot-location" label={t('location')} required placeholder={t('locationPlaceholder')} autoComplete="off" size="large" />
      <div className="bl-form-row">
        <CoercedTextField control={c} name="capacity" id="lot-capacity" label={t('capacity')} required inputMode="numeric" autoComplete="off" size="large" help={sampleHelp} />
        <TextField control={c} name="capacityUnit" id="lot-capacity-unit" label={t('capacityUnit')} required placeholder={t('capacityUnitPlaceholder')} autoComplete="off" size="large" />
      </div>
      <PredecessorsField control={c} lots={lots} />
      <DialogFormButtons submitLabel={tc('create')} submitting={isSubmitting} onCancel={onDone} />
    </MutationForm>
  );
}

function PredecessorsField({ control, lots }: { control: Control<Values, unknown, z.output<typeof createLotInput>>; lots: PlannedLot[] }) {
  const t = useTranslations('inspections');
  const text = useErrorText();
  const { field, fieldState } = useController({ control, name: 'predecessorIds' });
  const error = text.field(fieldState.error);
  return (
    <FormField id="lot-predecessors" label={t('predecessors')} error={error} help={t('predecessorsHelp')}>
      <Select
        id="lot-predecessors"
        mode="multiple"
        ref={field.ref}
        value={field.value ?? []}
        onChange={(ids: string[]) => field.onChange(ids)}
        onBlur={field.onBlur}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={lots.length === 0 ? t('noLotsYet') : t('predecessorsPlaceholder')}
        disabled={lots.length === 0}
        options={lots.map((l) => ({ value: l.id, label: t('lotRef', { name: l.name, location: l.location }) }))}
        size="large"
        style={{ width: '100%' }}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy('lot-predecessors')}
      />
    </FormField>
  );
}
