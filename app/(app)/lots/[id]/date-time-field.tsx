'use client';

import { Input } from 'antd';
import type { ReactNode } from 'react';
import { useController, type Control, type FieldPathByValue, type FieldValues } from 'react-hook-form';
import { describedBy, FormField } from '@/app/_components/form-field';
import { useErrorText } from '@/app/_components/use-error-text';

/** The site's clock: what is typed is China Standard Time, whatever zone the phone is set to. */
const SITE_OFFSET = '+08:00';

/** Now on the site's clock, to the minute, as the field holds it: '2026-11-25T09:30:00+08:00'. */
export function siteNow(): string {
  return `${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16)}:00${SITE_OFFSET}`;
}

/** '2026-11-25T09:30' (a datetime-local box) → '2026-11-25T09:30:00+08:00'; empty → undefined. */
export function localToIso(local: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00${SITE_OFFSET}` : undefined;
}

/** The field's value (as localToIso wrote it) back into the box. */
function isoToLocal(value: string | undefined): string {
  return value?.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)?.[0] ?? '';
}

/**
 * A labelled date-and-time box (the phone's own picker, `datetime-local`) bound to a
 * react-hook-form field that holds an ISO 8601 moment with the site's +08:00 offset.
 */
export function DateTimeField<Values extends FieldValues, Parsed>({
  control,
  name,
  id,
  label,
  required,
  help,
}: {
  control: Control<Values, unknown, Parsed>;
  name: FieldPathByValue<Values, string | undefined>;
  id: string;
  label: ReactNode;
  required?: boolean;
  help?: ReactNode;
}) {
  const text = useErrorText();
  const { field, fieldState } = useController({ control, name });
  const error = text.field(fieldState.error);
  return (
    <FormField id={id} label={label} required={required} help={help} error={error}>
      <Input
        type="datetime-local"
        name={field.name}
        ref={field.ref}
        value={isoToLocal(field.value as string | undefined)}
        onChange={(event) => field.onChange(localToIso(event.target.value))}
        onBlur={field.onBlur}
        size="large"
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || help ? describedBy(id) : undefined}
      />
    </FormField>
  );
}
