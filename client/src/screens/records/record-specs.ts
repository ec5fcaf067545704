import { PRINTER_PROTOCOLS, ROLES, WORK_CENTER_KINDS, type CollectionName } from '@printfloor/shared';
import type { FieldSpec } from '../../components/FieldInput.tsx';
import { humanize } from '../../format.ts';

type Doc = Record<string, unknown>;

export const RECORD_KINDS = [
  'printers',
  'parts',
  'scrap_reasons',
  'downtime_reasons',
  'work_centers',
  'people',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export function isRecordKind(s: string): s is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(s);
}

/** How the generic list and edit screens show one kind of record. */
export interface RecordSpec {
  name: RecordKind & CollectionName;
  title: string;
  singular: string;
  basePath: string;
  primary: (d: Doc) => string;
  secondary: (d: Doc) => string;
  /** Short text at the row's end (status, active flag). */
  end: (d: Doc) => string;
  sortKey: (d: Doc) => string;
  /** Options for a work-center select are filled in by the screen. */
  fields: (workCenters: { value: string; label: string }[]) => FieldSpec[];
  /** A new record's fields (the writer stamps id and edit metadata). */
  blank: (n: number) => Doc;
  /** The field a scanned label's code goes in (`/…/new?code=`, issue 4); none: not labelled. */
  labelField?: 'code' | 'badgeCode';
}

const s = (v: unknown) => (typeof v === 'string' ? v : '');
const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: humanize(v) }));
const activeLabel = (d: Doc) => (d.active === false ? 'Inactive' : '');
const code = (prefix: string, n: number) => `${prefix}${String(n).padStart(3, '0')}`;

const reference = (
  name: 'scrap_reasons' | 'downtime_reasons',
  title: string,
  singular: string,
): RecordSpec => ({
  name,
  title,
  singular,
  basePath: `/reference/${name}`,
  primary: (d) => s(d.name),
  secondary: (d) => s(d.code),
  end: activeLabel,
  sortKey: (d) => s(d.code),
  fields: () => [
    { key: 'code', label: 'Code', kind: 'text' },
    { key: 'name', label: 'Name', kind: 'text' },
    ...(name === 'downtime_reasons'
      ? [{ key: 'planned', label: 'Planned downtime', kind: 'bool' } as FieldSpec]
      : []),
    { key: 'active', label: 'Active', kind: 'bool' },
  ],
  blank: (n) => ({
    code: code(name === 'scrap_reasons' ? 'SR-' : 'DT-', n),
    name: '',
    active: true,
    ...(name === 'downtime_reasons' ? { planned: false } : {}),
  }),
});

export const RECORD_SPECS: Record<RecordKind, RecordSpec> = {
  printers: {
    name: 'printers',
    title: 'Printers',
    singular: 'printer',
    basePath: '/printers',
    labelField: 'code',
    primary: (d) => `${s(d.code)} · ${s(d.name)}`,
    secondary: (d) => [s(d.brand), s(d.model), s(d.location)].filter(Boolean).join(' · '),
    end: (d) => (d.active === false ? 'Inactive' : humanize(s(d.protocol))),
    sortKey: (d) => s(d.code),
    fields: (wc) => [
      { key: 'code', label: 'Code', kind: 'text' },
      { key: 'name', label: 'Name', kind: 'text' },
      { key: 'brand', label: 'Brand', kind: 'text' },
      { key: 'model', label: 'Model', kind: 'text' },
      { key: 'protocol', label: 'Protocol', kind: 'select', options: opts(PRINTER_PROTOCOLS) },
      { key: 'serial', label: 'Serial', kind: 'text' },
      { key: 'location', label: 'Location', kind: 'text' },
      {
        key: 'workCenterId',
        label: 'Work center',
        kind: 'select',
        options: [{ value: '', label: '— none —' }, ...wc],
      },
      { key: 'slots', label: 'Filament slots', kind: 'int' },
      { key: 'active', label: 'Active', kind: 'bool' },
      { key: 'notes', label: 'Notes', kind: 'textarea' },
    ],
    blank: (n) => ({
      code: code('PR-', n),
      name: '',
      brand: '',
      protocol: 'printfloor',
      model: '',
      serial: '',
      location: '',
      workCenterId: '',
      slots: 1,
      active: true,
      notes: '',
    }),
  },
  parts: {
    name: 'parts',
    title: 'Parts',
    singular: 'part',
    basePath: '/parts',
    labelField: 'code',
    primary: (d) => `${s(d.code)} · ${s(d.description)}`,
    secondary: (d) =>
      [s(d.material), d.revision ? `rev ${s(d.revision)}` : '', s(d.drawingNumber)]
        .filter(Boolean)
        .join(' · '),
    end: (d) => (typeof d.gramsPerPart === 'number' ? `${d.gramsPerPart} g` : ''),
    sortKey: (d) => s(d.code),
    fields: () => [
      { key: 'code', label: 'Code', kind: 'text' },
      { key: 'description', label: 'Description', kind: 'text' },
      { key: 'drawingNumber', label: 'Drawing number', kind: 'text' },
      { key: 'revision', label: 'Revision', kind: 'text' },
      { key: 'material', label: 'Material', kind: 'text' },
      { key: 'gramsPerPart', label: 'Filament per part', kind: 'number', unit: 'g' },
      { key: 'printMinutes', label: 'Print time per part', kind: 'number', unit: 'min' },
      { key: 'notes', label: 'Notes', kind: 'textarea' },
    ],
    blank: (n) => ({
      code: code('PT-', n),
      drawingNumber: '',
      revision: 'A',
      description: '',
      material: 'PLA',
      colorHex: null,
      gramsPerPart: 0,
      printMinutes: 0,
      notes: '',
      routing: [],
    }),
  },
  scrap_reasons: reference('scrap_reasons', 'Scrap reasons', 'scrap reason'),
  downtime_reasons: reference('downtime_reasons', 'Downtime reasons', 'downtime reason'),
  work_centers: {
    name: 'work_centers',
    title: 'Work centers',
    singular: 'work center',
    basePath: '/reference/work_centers',
    primary: (d) => s(d.name),
    secondary: (d) => `${s(d.code)} · ${humanize(s(d.kind))}`,
    end: activeLabel,
    sortKey: (d) => s(d.code),
    fields: () => [
      { key: 'code', label: 'Code', kind: 'text' },
      { key: 'name', label: 'Name', kind: 'text' },
      { key: 'kind', label: 'Kind', kind: 'select', options: opts(WORK_CENTER_KINDS) },
      { key: 'active', label: 'Active', kind: 'bool' },
    ],
    blank: (n) => ({ code: code('WC-', n), name: '', kind: 'print', active: true }),
  },
  people: {
    name: 'people',
    title: 'People',
    singular: 'person',
    basePath: '/reference/people',
    labelField: 'badgeCode',
    primary: (d) => s(d.displayName),
    secondary: (d) => `${humanize(s(d.role))}${d.badgeCode ? ` · badge ${s(d.badgeCode)}` : ''}`,
    end: activeLabel,
    sortKey: (d) => s(d.displayName).toLowerCase(),
    fields: () => [
      { key: 'displayName', label: 'Name', kind: 'text' },
      { key: 'badgeCode', label: 'Badge code', kind: 'text' },
      { key: 'role', label: 'Role', kind: 'select', options: opts(ROLES) },
      { key: 'active', label: 'Active', kind: 'bool' },
    ],
    blank: () => ({ displayName: '', badgeCode: '', role: 'operator', active: true }),
  },
};
