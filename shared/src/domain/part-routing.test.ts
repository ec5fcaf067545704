import { describe, expect, it } from 'vitest';
import { mergeDocuments } from '../merge.ts';
import { MAX_ROUTING_STEPS, partSchema, type Part, type TemplateStep } from './assets.ts';

const step = (code: string, run = 1): TemplateStep => ({
  code,
  name: `Step ${code}`,
  workCenterId: 'wc-1',
  printerId: '',
  plannedSetupMinutes: 0,
  runMinutesPerUnit: run,
  notes: '',
});

const base: Part = {
  id: 'p1',
  updatedAt: '2026-05-01T08:00:00.000Z',
  updatedBy: 'a',
  serverUpdatedAt: null,
  code: 'PT-1',
  drawingNumber: '',
  revision: 'A',
  description: 'Bracket',
  material: 'PLA',
  colorHex: null,
  gramsPerPart: 10,
  printMinutes: 30,
  notes: '',
  routing: [step('OP10'), step('OP20')],
};

describe("a part's routing template", () => {
  it('defaults to [] for a part written before the field, and refuses bad steps', () => {
    const { routing: _r, ...old } = base;
    expect(partSchema.parse(old).routing).toEqual([]);
    expect(
      partSchema.safeParse({ ...base, routing: [{ ...step('OP10'), runMinutesPerUnit: -1 }] }).success,
    ).toBe(false);
    expect(partSchema.safeParse({ ...base, routing: [{ code: 'OP10' }] }).success).toBe(false);
    const tooMany = Array.from({ length: MAX_ROUTING_STEPS + 1 }, (_, i) => step(`OP${i}`));
    expect(partSchema.safeParse({ ...base, routing: tooMany }).success).toBe(false);
  });

  it('merges as one field: an edit on one side is kept beside the other side’s description edit', () => {
    const local = { ...base, routing: [step('OP20'), step('OP10')], updatedAt: '2026-05-01T09:00:00.000Z' };
    const remote = {
      ...base,
      description: 'Bracket v2',
      updatedAt: '2026-05-01T09:30:00.000Z',
      updatedBy: 'b',
    };
    const { merged, clashes } = mergeDocuments(base, local, remote);
    expect(clashes).toEqual([]);
    expect(merged.routing.map((s) => s.code)).toEqual(['OP20', 'OP10']);
    expect(merged.description).toBe('Bracket v2');
  });

  it('two different template edits clash as a whole; the later edit wins whole, on either side', () => {
    const local = { ...base, routing: [step('OP10', 5)], updatedAt: '2026-05-01T09:00:00.000Z' };
    const remote = {
      ...base,
      routing: [step('OP10'), step('OP20'), step('OP30')],
      updatedAt: '2026-05-01T10:00:00.000Z',
      updatedBy: 'b',
    };
    const a = mergeDocuments(base, local, remote);
    const b = mergeDocuments(base, remote, local);
    expect(a.clashes).toEqual(['routing']);
    expect(a.merged.routing).toEqual(remote.routing);
    expect(b.merged.routing).toEqual(remote.routing);
  });
});
