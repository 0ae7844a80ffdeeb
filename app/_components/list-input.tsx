'use client';

import { Input, type InputProps } from 'antd';
import { useEffect, useState } from 'react';

function split(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A text box for a list of short codes ("350102, 350103"): the form value is the array,
 * the text the user typed is kept as typed (a trailing comma stays while they type).
 */
export function ListInput({
  value,
  onChange,
  ...rest
}: Omit<InputProps, 'value' | 'onChange'> & { value: string[] | undefined; onChange: (value: string[]) => void }) {
  const [text, setText] = useState(() => (value ?? []).join(', '));

  // Follow outside changes (form reset) without fighting the user's typing.
  useEffect(() => {
    const next = value ?? [];
    setText((current) => (split(current).join('\u0000') === next.join('\u0000') ? current : next.join(', ')));
  }, [value]);

  return (
    <Input
      {...rest}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(split(event.target.value));
      }}
    />
  );
}
