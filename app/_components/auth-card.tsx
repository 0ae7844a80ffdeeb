import type { ReactNode } from 'react';
import { LocaleSwitcher } from './locale-switcher';

/** The page of a signed-out visitor (sign-in, a homeowner's sign-up): the language switch and one card. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <div className="bl-auth-page">
      <div className="bl-auth-top">
        <LocaleSwitcher size="small" />
      </div>
      <main className="bl-auth-center" id="main">
        <div className="bl-auth-card">
          <div className="bl-auth-brand">
            <h1>{title}</h1>
            <p>{subtitle}</p>
          </div>
          {children}
        </div>
      </main>
    </div>
  );
}
