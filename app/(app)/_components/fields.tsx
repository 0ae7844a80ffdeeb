'use client';

import { Input, Select, type InputProps } from 'antd';
import type { ReactNode } from 'react';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import { describedBy, FormField } from '@/app/_components/form-field';
import { useErrorText } from '@/app/_components/use-error-text';

/**
 * A labelled select bound to a react-hook-form field (a uuid picked from a list), with the
 * field's error translated under it. Options are searched by their label.
 */
export function SelectField<Values extends FieldValues, Parsed>({
  control,
  name,
  id,
  label,
  required,
  help,
  placeholder,
  options,
  allowClear,
}: {
  control: Control<Values, unknown, Parsed>;
  name: Path<Values>;
  id: string;
  label: ReactNode;
  required?: boolean;
  help?: ReactNode;
  placeholder?: string;
  options: { value: string; label: string }[];
  /** For an optional field: a clear button, and clearing sets the value to undefined. */
  allowClear?: boolean;
}) {
  const text = useErrorText();
  const { field, fieldState } = useController({ control, name });
  const error = text.field(fieldState.error);
  return (
    <FormField id={id} label={label} required={required} error={error} help={help}>
      <Select
        id={id}
        ref={field.ref}
        value={(field.value as string | undefined) || undefined}
        onChange={(value: string | undefined) => field.onChange(value ?? (allowClear ? undefined : ''))}
        allowClear={allowClear}
        onBlur={field.onBlur}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={placeholder}
        options={options}
        size="large"
        style={{ width: '100%' }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || help ? describedBy(id) : undefined}
      />
    </FormField>
  );
}

/**
 * A labelled text box for a field whose schema coerces what is typed (numbers): the form
 * holds the text, the schema turns it into the value. Other props go to the antd Input.
 */
export function CoercedTextField<Values extends FieldValues, Parsed>({
  control,
  name,
  id,
  label,
  required,
  help,
  ...inputProps
}: Omit<InputProps, 'id' | 'name' | 'value' | 'defaultValue' | 'onChange' | 'onBlur' | 'required'> & {
  control: Control<Values, unknown, Parsed>;
  name: Path<Values>;
  id: string;
  label: ReactNode;
  required?: boolean;
  help?: ReactNode;
}) {
  const text = useErrorText();
  const { field, fieldState } = useController({ control, name });
  const error = text.field(fieldState.error);
  return (
    <FormField id={id} label={label} required={required} error={error} help={help}>
      <Input
        name={field.name}
        ref={field.ref}
        value={field.value === undefined || field.value === null ? '' : String(field.value)}
        onChange={field.onChange}
        onBlur={field.onBlur}
        {...inputProps}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || help ? describedBy(id) : undefined}
      />
    </FormField>
  );
}
