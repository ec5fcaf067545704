import type { DocOf } from '@printfloor/shared';
import { DOWNTIME_REASONS, PARTS, PEOPLE, PRINTERS, SCRAP_REASONS, WORK_CENTERS } from './catalog.ts';
import type { DemoContext } from './demo-context.ts';

/** Reference data and assets of the demo farm: work centers, reasons, people, printers, parts. */

export interface DemoAssets {
  work_centers: DocOf<'work_centers'>[];
  scrap_reasons: DocOf<'scrap_reasons'>[];
  downtime_reasons: DocOf<'downtime_reasons'>[];
  people: DocOf<'people'>[];
  printers: DocOf<'printers'>[];
  parts: DocOf<'parts'>[];
}

export function generateAssets(ctx: DemoContext): DemoAssets {
  const setupAt = ctx.daysAgo(120);
  const work_centers = WORK_CENTERS.map((w) => ({
    ...ctx.mutable(setupAt),
    code: w.code,
    name: w.name,
    kind: w.kind,
    active: true,
  }));
  const scrap_reasons = SCRAP_REASONS.map(([code, name]) => ({
    ...ctx.mutable(setupAt),
    code,
    name,
    active: true,
  }));
  const downtime_reasons = DOWNTIME_REASONS.map(([code, name, planned]) => ({
    ...ctx.mutable(setupAt),
    code,
    name,
    active: true,
    planned,
  }));
  const people = PEOPLE.map(([displayName, role], i) => ({
    ...ctx.mutable(setupAt),
    displayName,
    badgeCode: `EMP-${1001 + i}`,
    role,
    active: true,
  }));
  const printWc = work_centers.find((w) => w.kind === 'print')!;
  return {
    work_centers,
    scrap_reasons,
    downtime_reasons,
    people,
    printers: generatePrinters(ctx, printWc.id, setupAt),
    parts: generateParts(ctx, setupAt),
  };
}

function generatePrinters(ctx: DemoContext, workCenterId: string, setupAt: number): DocOf<'printers'>[] {
  return PRINTERS.map((p, i) => {
    const n = i + 1;
    const serial =
      p.protocol === 'bambu'
        ? `${p.serialPrefix}${String(ctx.rng.int(100000000, 999999999))}`
        : `${p.serialPrefix}${ctx.rng.int(10000, 99999)}`;
    // One Prusa is in for a rebuild: inactive printers exist on every real floor.
    const active = n !== 9;
    return {
      ...ctx.mutable(setupAt),
      code: `PR-${String(n).padStart(3, '0')}`,
      name: p.name,
      brand: p.brand,
      protocol: p.protocol,
      model: p.model,
      serial,
      location: `Rack ${Math.ceil(n / 4)}, bay ${((n - 1) % 4) + 1}`,
      workCenterId,
      slots: p.slots,
      active,
      notes: active ? '' : 'Hotend rebuild in progress — do not schedule.',
    };
  });
}

function generateParts(ctx: DemoContext, setupAt: number): DocOf<'parts'>[] {
  return PARTS.map((p, i) => ({
    ...ctx.mutable(setupAt),
    code: `PT-${String(i + 1).padStart(4, '0')}`,
    drawingNumber: `DRW-${1040 + i * 7}`,
    revision: ctx.rng.pick(['A', 'A', 'B', 'C']),
    description: p.description,
    material: p.material,
    colorHex: ctx.rng.chance(0.5) ? null : ctx.rng.pick(['#000000', '#FFFFFF', '#8C8C8C', '#FA6831']),
    gramsPerPart: p.grams,
    printMinutes: p.minutes,
    notes: '',
    routing: [],
  }));
}
