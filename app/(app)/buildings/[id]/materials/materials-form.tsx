'use client';

import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { useTRPC } from '@/app/_trpc/client';

/**
 * A form behind a button: on a phone the page stays a readable list until someone records,
 * and each opening is a fresh form (a new idempotency key, no files) that closes once signed.
 */
export function FormOpener({ label, icon, children }: { label: string; icon: ReactNode; children: (close: () => void) => ReactNode }) {
  const tc = useTranslations('common');
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button size="large" icon={icon} onClick={() => setOpen(true)} className="bl-touch-button bl-opener">
        {label}
      </Button>
    );
  }
  return (
    <div className="bl-subform">
      {children(() => setOpen(false))}
      <Button size="large" block onClick={() => setOpen(false)} style={{ marginTop: 8 }}>
        {tc('cancel')}
      </Button>
    </div>
  );
}

/** After a signed record: say so, reload the page's data, close the form. */
export function useSigned(onDone: () => void) {
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async (text: string) => {
    message.success(text);
    await queryClient.invalidateQueries(trpc.materials.pathFilter());
    onDone();
  };
}
