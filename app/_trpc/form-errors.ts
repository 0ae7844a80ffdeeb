'use client';

import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { parseServerError, useErrorText } from '@/app/_components/use-error-text';

/**
 * Puts a failed tRPC mutation's error onto a react-hook-form (practice 3):
 * - a domain error `{ code, field? }` → `errors.<code>` on that field, or on `root.server`;
 * - input validation `fieldErrors` (message keys) → each on its field;
 * - anything else (network, unexpected) → `root.server`.
 * Field paths the form does not have (e.g. 'regionCodes.0' → 'regionCodes') land on their
 * top-level field, or on `root.server` when the form has no such field.
 */
export function useApplyServerError() {
  const text = useErrorText();

  return function applyServerError<T extends FieldValues>(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any resolver context/output
    form: UseFormReturn<T, any, any>,
    error: unknown,
  ): void {
    const known = new Set([
      ...Object.keys(form.getValues() ?? {}),
      ...Object.keys(form.formState.defaultValues ?? {}),
    ]);
    const toField = (path: string | undefined): Path<T> | undefined => {
      const top = path?.split('.')[0];
      return top && known.has(top) ? (top as Path<T>) : undefined;
    };

    const info = parseServerError(error, text.knownCodes);
    let shown = false;

    if (info.fieldErrors) {
      for (const [path, messages] of Object.entries(info.fieldErrors)) {
        const message = text.validation(messages[0]);
        const field = toField(path);
        if (field) form.setError(field, { type: 'server', message });
        else form.setError('root.server', { type: 'server', message });
        shown = true;
      }
    }

    if (!shown || info.code !== 'UNKNOWN') {
      const message = text.code(info.code, info.params);
      const field = toField(info.field);
      if (field) form.setError(field, { type: 'server', message }, { shouldFocus: true });
      else form.setError('root.server', { type: 'server', message });
    }
  };
}
