import type { QrKind } from '@printfloor/shared';

/**
 * Where the answers to a scan offer lead (client/src/app/Routes.tsx): the new-record form with the
 * label's code filled in, the picker that puts the code on an existing record, and the receive
 * form for a filament box (which looks up its own pre-fill from the EAN). Null: no form for it.
 */
export function bindNewPath(kind: QrKind, code: string): string | null {
  const c = encodeURIComponent(code);
  switch (kind) {
    case 'spool':
      return `/spools/new?code=${c}`;
    case 'part':
      return `/parts/new?code=${c}`;
    case 'printer':
      return `/printers/new?code=${c}`;
    case 'person':
      return `/reference/people/new?code=${c}`;
    case 'wo':
    case 'op':
      return null;
  }
}

export function bindExistingPath(kind: QrKind, code: string): string | null {
  if (kind === 'op') return null;
  return `/bind/${kind}/${encodeURIComponent(code)}`;
}

export function createSpoolPath(ean: string): string {
  return `/spools/new?ean=${encodeURIComponent(ean)}`;
}
