'use client';

import { Input, type GetProps } from 'antd';
import type { ReactNode } from 'react';
import { useController, type Control, type FieldPathByValue, type FieldValues } from 'react-hook-form';
import { describedBy, FormField } from '@/app/_components/form-field';
import { useErrorText } from '@/app/_components/use-error-text';

type TextAreaProps = GetProps<typeof Input.TextArea>;

/** TextField's multi-line sibling: a labelled, auto-growing text area bound to a react-hook-form field. */
export function TextAreaField<Values extends FieldValues, Parsed>({
  control,
  name,
  id,
  label,
  required,
  emptyAsUndefined,
  help,
  ...areaProps
}: Omit<TextAreaProps, 'id' | 'name' | 'value' | 'defaultValue' | 'onChange' | 'onBlur' | 'required'> & {
  control: Control<Values, unknown, Parsed>;
  name: FieldPathByValue<Values, string | undefined>;
  id: string;
  label: ReactNode;
  required?: boolean;
  emptyAsUndefined?: boolean;
  help?: ReactNode;
}) {
  const text = useErrorText();
  const { field, fieldState } = useController({ control, name });
  const error = text.field(fieldState.error);
  return (
    <FormField id={id} label={label} required={required} help={help} error={error}>
      <Input.TextArea
        name={field.name}
        ref={field.ref}
        value={(field.value as string | undefined) ?? ''}
        onChange={(event) => field.onChange(emptyAsUndefined && event.target.value.trim() === '' ? undefined : event.target.value)}
        onBlur={field.onBlur}
        autoSize={{ minRows: 2, maxRows: 8 }}
        {...areaProps}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || help ? describedBy(id) : undefined}
      />
    </FormField>
  );
}
