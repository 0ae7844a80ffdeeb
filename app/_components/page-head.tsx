import type { ReactNode } from 'react';

/**
 * The top of a page: its one <h1>, a hint under it and, on the right, the page's main action.
 * `children` are further hint lines under the first.
 */
export function PageHead({
  title,
  hint,
  action,
  children,
}: {
  title: ReactNode;
  hint: ReactNode;
  action?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="bl-page-head">
      <div>
        <h1>{title}</h1>
        <p className="bl-hint">{hint}</p>
        {children}
      </div>
      {action}
    </div>
  );
}
