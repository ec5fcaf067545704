import { describe, expect, it } from 'vitest';
import type { Role } from '../domain/assets.ts';
import { type StepState, type StepStatus, emptyStepState } from '../folds/step-tracker.ts';
import {
  allowedActions,
  canAct,
  canStart,
  checkCompletion,
  isLead,
  printerWarning,
  requiresReason,
  runningOnPrinter,
  STEP_ACTIONS,
  type StepAction,
} from './step-rules.ts';

const st = (status: StepStatus, printerId: string | null = null): StepState => ({
  ...emptyStepState(),
  status,
  printerId,
});

const LEADS: Role[] = ['lead', 'manager', 'admin'];

describe('isLead', () => {
  it('is true for lead, manager and admin only', () => {
    expect(LEADS.every(isLead)).toBe(true);
    expect(isLead('operator')).toBe(false);
  });
});

describe('canStart', () => {
  it('lets the first step start', () => {
    expect(canStart(0, [st('pending'), st('pending')], 'operator')).toEqual({ ok: true });
  });

  it.each(['completed', 'skipped'] as const)('lets a step start when its predecessor is %s', (prev) => {
    expect(canStart(1, [st(prev), st('pending')], 'operator')).toEqual({ ok: true });
  });

  it.each(['pending', 'running', 'paused'] as const)('blocks an operator while the predecessor is %s', (prev) => {
    const r = canStart(1, [st(prev), st('pending')], 'operator');
    expect(r).toMatchObject({ ok: false, needsOverride: true, canOverride: false });
    expect(r.reason).toContain(prev);
    // Asking for an override does not help an operator.
    expect(canStart(1, [st(prev), st('pending')], 'operator', { override: true }).ok).toBe(false);
  });

  it.each(LEADS)('lets a %s override the predecessor rule, recorded as an override', (role) => {
    const blocked = canStart(1, [st('running'), st('pending')], role);
    expect(blocked).toMatchObject({ ok: false, needsOverride: true, canOverride: true });
    expect(canStart(1, [st('running'), st('pending')], role, { override: true })).toEqual({ ok: true, override: true });
  });

  it('only looks at the immediate predecessor', () => {
    expect(canStart(2, [st('pending'), st('completed'), st('pending')], 'operator').ok).toBe(true);
  });

  it.each(['running', 'paused', 'completed', 'skipped'] as const)('refuses to start a %s step, even for a lead', (s) => {
    const r = canStart(0, [st(s)], 'admin', { override: true });
    expect(r.ok).toBe(false);
    expect(r.needsOverride).toBeUndefined();
  });

  it('refuses an index outside the routing', () => {
    expect(canStart(3, [st('pending')], 'operator')).toMatchObject({ ok: false, reason: 'no such step' });
    expect(canStart(-1, [st('pending')], 'operator').ok).toBe(false);
  });
});

describe('runningOnPrinter and printerWarning', () => {
  const steps = new Map<string, StepState>([
    ['op-a', st('running', 'pr-1')],
    ['op-b', st('paused', 'pr-1')],
    ['op-c', st('completed', 'pr-1')],
    ['op-d', st('running', 'pr-2')],
    ['op-e', st('pending', 'pr-1')],
  ]);

  it('lists the running and paused steps on a printer', () => {
    expect(runningOnPrinter('pr-1', steps)).toEqual(['op-a', 'op-b']);
    expect(runningOnPrinter('pr-2', Object.fromEntries(steps))).toEqual(['op-d']);
  });

  it('leaves out the step being started and never matches an empty printer id', () => {
    expect(runningOnPrinter('pr-1', steps, 'op-a')).toEqual(['op-b']);
    expect(runningOnPrinter('', new Map([['op-x', st('running', '')]]))).toEqual([]);
  });

  it('warns without blocking when the printer is busy', () => {
    const r = printerWarning('pr-2', steps);
    expect(r.ok).toBe(true);
    expect(r.warning).toContain('op-d');
    expect(printerWarning('pr-9', steps)).toEqual({ ok: true });
  });
});

describe('allowedActions and canAct', () => {
  it('offers the actions that fit each status', () => {
    expect(allowedActions('pending', 'operator')).toEqual(['start', 'downtime', 'note']);
    expect(allowedActions('running', 'operator')).toEqual(['pause', 'complete', 'scrap', 'qc', 'downtime', 'note']);
    expect(allowedActions('paused', 'operator')).toEqual(['resume', 'complete', 'scrap', 'qc', 'downtime', 'note']);
    expect(allowedActions('completed', 'operator')).toEqual(['scrap', 'qc', 'note']);
    expect(allowedActions('skipped', 'operator')).toEqual(['note']);
  });

  it('lets only leads skip', () => {
    for (const s of ['pending', 'running', 'paused'] as const) {
      expect(allowedActions(s, 'lead')).toContain('skip');
      expect(allowedActions(s, 'operator')).not.toContain('skip');
      expect(canAct('skip', s, 'operator')).toMatchObject({ ok: false, reason: 'only a lead may skip a step' });
      expect(canAct('skip', s, 'manager')).toEqual({ ok: true });
    }
  });

  it('explains why an action does not fit the status', () => {
    expect(canAct('pause', 'pending', 'admin')).toEqual({ ok: false, reason: 'cannot pause a pending step' });
    expect(canAct('complete', 'completed', 'operator').ok).toBe(false);
    expect(canAct('resume', 'running', 'operator').ok).toBe(false);
    expect(canAct('skip', 'completed', 'admin').ok).toBe(false);
    expect(canAct('note', 'skipped', 'operator').ok).toBe(true);
  });

  it('asks for a reason on pause, skip, downtime and scrap only', () => {
    const withReason: StepAction[] = ['pause', 'skip', 'scrap', 'downtime'];
    expect(STEP_ACTIONS.filter(requiresReason)).toEqual(withReason);
  });
});

describe('checkCompletion', () => {
  it('accepts whole non-negative quantities, with a reason when there is scrap', () => {
    expect(checkCompletion({ qtyGood: 10, qtyScrap: 0, reasonCode: '' })).toEqual({ ok: true });
    expect(checkCompletion({ qtyGood: 0, qtyScrap: 2, reasonCode: 'warp' })).toEqual({ ok: true });
  });

  it('refuses scrap without a reason, and fractional or negative quantities', () => {
    expect(checkCompletion({ qtyGood: 9, qtyScrap: 1, reasonCode: '  ' })).toMatchObject({ ok: false });
    expect(checkCompletion({ qtyGood: 1.5, qtyScrap: 0, reasonCode: '' }).ok).toBe(false);
    expect(checkCompletion({ qtyGood: 1, qtyScrap: -1, reasonCode: 'x' }).ok).toBe(false);
    expect(checkCompletion({ qtyGood: Number.NaN, qtyScrap: 0, reasonCode: '' }).ok).toBe(false);
  });
});
