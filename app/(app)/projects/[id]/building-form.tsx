'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { DialogFormButtons, MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useTRPC } from '@/app/_trpc/client';
import { createBuildingInput } from '@/server/projects/schemas';
import { CoercedTextField } from '../../_components/fields';

type Values = z.input<typeof createBuildingInput>;

/** 新增单位工程: the building's facts as the design documents and the 施工许可 state them. */
export function BuildingForm({ projectId, defaultAddress, onDone }: { projectId: string; defaultAddress: string; onDone: () => void }) {
  const t = useTranslations('buildingForm');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.projects.createBuilding.mutationOptions());

  const empty: Values = {
    projectId,
    name: '',
    address: defaultAddress,
    structureType: '',
    floorsAbove: '',
    floorsBelow: '0',
    grossArea: '',
    designWorkingLifeYears: '50',
    plannedStartOn: '',
    plannedCompletionOn: '',
  };
  const { form, onSubmit } = useMutationForm(createBuildingInput, empty, async (values) => {
    const created = await create.mutateAsync(values);
    message.success(t('created', { name: values.name, code: created.code }));
    await queryClient.invalidateQueries(trpc.projects.pathFilter());
    onDone();
  });
  const { errors, isSubmitting } = form.formState;
  const c = form.control;

  return (
    <MutationForm label={t('title')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <TextField control={c} name="name" id="building-name" label={t('name')} required placeholder={t('namePlaceholder')} autoComplete="off" />
      <TextField control={c} name="address" id="building-address" label={t('address')} required autoComplete="off" />
      <TextField control={c} name="structureType" id="building-structure" label={t('structureType')} required placeholder={t('structureTypePlaceholder')} autoComplete="off" />
      <div className="bl-form-row">
        <CoercedTextField control={c} name="floorsAbove" id="building-floors-above" label={t('floorsAbove')} required inputMode="numeric" autoComplete="off" />
        <CoercedTextField control={c} name="floorsBelow" id="building-floors-below" label={t('floorsBelow')} required inputMode="numeric" autoComplete="off" />
      </div>
      <div className="bl-form-row">
        <CoercedTextField control={c} name="grossArea" id="building-area" label={t('grossArea')} required inputMode="decimal" autoComplete="off" suffix="m²" />
        <CoercedTextField
          control={c}
          name="designWorkingLifeYears"
          id="building-life"
          label={t('designWorkingLife')}
          required
          inputMode="numeric"
          autoComplete="off"
          suffix={t('years')}
          help={t('designWorkingLifeHelp')}
        />
      </div>
      <div className="bl-form-row">
        <TextField control={c} name="plannedStartOn" id="building-start" label={t('plannedStartOn')} required type="date" />
        <TextField control={c} name="plannedCompletionOn" id="building-completion" label={t('plannedCompletionOn')} required type="date" />
      </div>
      <DialogFormButtons submitLabel={t('submit')} submitting={isSubmitting} onCancel={onDone} />
    </MutationForm>
  );
}
