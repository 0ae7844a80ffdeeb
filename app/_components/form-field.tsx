'use client';

import { Form } from 'antd';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

/**
 * Layout of one labelled form control for react-hook-form forms: the <label> is tied to
 * the control by `htmlFor`, and the error (already translated) or help text is announced
 * through `aria-describedby={describedBy(id)}` on the control.
 */
export function FormField({
  id,
  label,
  error,
  help,
  required,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string;
  help?: ReactNode;
  required?: boolean;
  children: ReactNode;
}) {
  const message = error ?? help;
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      required={required}
      validateStatus={error ? 'error' : undefined}
      help={message ? <span id={describedBy(id)} role={error ? 'alert' : undefined}>{message}</span> : undefined}
    >
      {children}
    </Form.Item>
  );
}

export function describedBy(id: string): string {
  return `${id}-help`;
}

/**
 * antd's vertical form layout for a react-hook-form <form> (antd's own Form store is not
 * used). The required mark is a visible "*" hidden from screen readers, which hear
 * "（必填）" instead (antd's default CSS asterisk would be read out as part of the label).
 */
export function FormLayout({ children }: { children: ReactNode }) {
  const t = useTranslations('common');
  return (
    <Form
      layout="vertical"
      component={false}
      requiredMark={(label, { required }) =>
        required ? (
          <>
            <span aria-hidden className="bl-required-mark">
              *
            </span>
            {label}
            <span className="bl-visually-hidden">{t('parenthetical', { label: t('required') })}</span>
          </>
        ) : (
          label
        )
      }
    >
      {children}
    </Form>
  );
}
