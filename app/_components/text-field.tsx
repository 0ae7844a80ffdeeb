'use client';

import { Input, type InputProps } from 'antd';
import type { ReactNode } from 'react';
import { useController, type Control, type FieldPathByValue, type FieldValues } from 'react-hook-form';
import { describedBy, FormField } from './form-field';
import { useErrorText } from './use-error-text';

/** An empty box means "not given": optional schema fields reject ''. */
const emptyToUndefined = (value: string) => (value.trim() === '' ? undefined : value);

/**
 * A labelled text box bound to a react-hook-form field, with the field's error translated
 * under it and tied to the box (aria-invalid, aria-describedby). Other props go to the
 * antd Input (or Input.Password with `password`).
 */
export function TextField<Values extends FieldValues, Parsed>({
  control,
  name,
  id,
  label,
  required,
  password,
  emptyAsUndefined,
  help,
  ...inputProps
}: Omit<InputProps, 'id' | 'name' | 'value' | 'defaultValue' | 'onChange' | 'onBlur' | 'required'> & {
  control: Control<Values, unknown, Parsed>;
  name: FieldPathByValue<Values, string | undefined>;
  id: string;
  label: ReactNode;
  required?: boolean;
  password?: boolean;
  /** For an optional field: an empty (or blank) box sets the value to undefined. */
  emptyAsUndefined?: boolean;
  /** A hint under the box. */
  help?: ReactNode;
}) {
  const text = useErrorText();
  const { field, fieldState } = useController({ control, name });
  const error = fieldState.error;
  const Box = password ? Input.Password : Input;

  return (
    <FormField id={id} label={label} required={required} help={help} error={text.field(error)}>
      <Box
        // `name` lets a submit before hydration post the value natively (the sign-in form).
        name={field.name}
        ref={field.ref}
        // An optional field left empty holds undefined; the box stays controlled.
        value={(field.value as string | undefined) ?? ''}
        onChange={emptyAsUndefined ? (event) => field.onChange(emptyToUndefined(event.target.value)) : field.onChange}
        onBlur={field.onBlur}
        disabled={field.disabled}
        {...inputProps}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? describedBy(id) : undefined}
      />
    </FormField>
  );
}
