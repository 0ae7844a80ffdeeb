'use client';

import { Radio } from 'antd';
import type { ReactNode } from 'react';
import { useController, useWatch, type Control, type FieldPathByValue, type FieldValues, type Path } from 'react-hook-form';
import { describedBy, FormField } from '@/app/_components/form-field';
import { TextAreaField } from './text-area-field';

/**
 * A choice of two or three big buttons side by side (通过/退回, 合格/不合格) bound to a
 * react-hook-form field. The resolver's message for an unset choice is a schema default, so the
 * form names the choice instead (`chooseText`); a server error on the field is shown as it came.
 */
export function DecisionField<Values extends FieldValues, Parsed, Value extends string | boolean>({
  control,
  name,
  id,
  label,
  chooseText,
  help,
  options,
}: {
  control: Control<Values, unknown, Parsed>;
  name: Path<Values>;
  id: string;
  label: ReactNode;
  chooseText: string;
  help?: ReactNode;
  options: { value: Value; label: string; disabled?: boolean }[];
}) {
  const { field, fieldState } = useController({ control, name });
  const error = fieldState.error ? (fieldState.error.type === 'server' ? fieldState.error.message : chooseText) : undefined;
  const labelId = `${id}-label`;
  return (
    <FormField id={id} label={<span id={labelId}>{label}</span>} required error={error} help={help}>
      <Radio.Group
        id={id}
        ref={field.ref}
        value={field.value}
        onChange={(event) => field.onChange(event.target.value)}
        optionType="button"
        buttonStyle="solid"
        size="large"
        className="bl-decision"
        aria-labelledby={labelId}
        aria-describedby={error || help ? describedBy(id) : undefined}
        options={options}
      />
    </FormField>
  );
}

type Review = { decision: 'ACCEPTED' | 'REJECTED'; reasons?: string };

/**
 * A reviewer's decision (accept or refuse) and its reasons, required when refusing and optional
 * remarks otherwise, in the words of the form (`text`). `acceptDisabled`: why accepting is not
 * offered (accept is then disabled).
 */
export function ReviewDecisionFields<Values extends FieldValues & Review, Parsed>({
  control,
  id,
  text,
  acceptDisabled,
}: {
  control: Control<Values, unknown, Parsed>;
  id: string;
  text: { label: string; choose: string; accept: string; reject: string; reasons: string; reasonsHelp: string; remarks: string; remarksHelp: string };
  acceptDisabled?: string;
}) {
  const decision = useWatch({ control, name: 'decision' as Path<Values> }) as Review['decision'] | undefined;
  const refusing = decision === 'REJECTED';
  return (
    <>
      <DecisionField
        control={control}
        name={'decision' as Path<Values>}
        id={`${id}-decision`}
        label={text.label}
        chooseText={text.choose}
        help={acceptDisabled}
        options={[
          { value: 'ACCEPTED', label: text.accept, disabled: acceptDisabled !== undefined },
          { value: 'REJECTED', label: text.reject },
        ]}
      />
      <TextAreaField
        control={control}
        name={'reasons' as FieldPathByValue<Values, string | undefined>}
        id={`${id}-reasons`}
        label={refusing ? text.reasons : text.remarks}
        required={refusing}
        emptyAsUndefined
        help={refusing ? text.reasonsHelp : text.remarksHelp}
      />
    </>
  );
}
