import Link from 'next/link';
import type { ReactNode } from 'react';

/** Under the title of a page about one building: its name (back to its page), its code, and `children`. */
export function BuildingHint({ building, children }: { building: { id: string; name: string; code: string }; children?: ReactNode }) {
  return (
    <>
      <Link href={`/buildings/${building.id}`}>{building.name}</Link>
      <span className="bl-mono" style={{ marginInlineStart: 8 }}>
        {building.code}
      </span>
      {children}
    </>
  );
}
