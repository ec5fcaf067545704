import { describe, expect, it } from 'vitest';
import { applyNativeStatus } from './native.ts';
import { printerStatusSchema, unknownStatus } from './status.ts';

const ctx = { code: 'PR-NAT', now: '2025-06-14T06:00:00.000Z' };

describe('native topic printfloor/v1/printers/<code>/status', () => {
  it('a minimal status: code, source and lastSeen come from the relay', () => {
    const r = applyNativeStatus(
      '{"state":"printing","progress":41.5,"code":"SPOOFED","lastSeen":"1999-01-01"}',
      ctx,
    );
    expect(r.outcome).toBe('applied');
    expect(printerStatusSchema.parse(r.status)).toEqual({
      ...unknownStatus('PR-NAT', 'printfloor'),
      state: 'printing',
      progress: 41.5,
      lastSeen: ctx.now,
    });
  });

  it('a full status with trays and errors passes through', () => {
    const payload = {
      state: 'paused',
      stateDetail: 'door open',
      jobName: 'gear.gcode',
      errors: [{ code: 'E12', text: 'Door open', severity: 'common' }],
      trays: [{ slot: 'T0', type: 'PETG', colorHex: '#112233', remainPercent: null, active: true }],
    };
    const r = applyNativeStatus(JSON.stringify(payload), ctx);
    expect(r.status).toMatchObject(payload);
  });

  it('rejects what does not validate', () => {
    for (const p of [
      '{}',
      '{"state":"melting"}',
      '{"state":"idle","progress":101}',
      '{"state":"idle","trays":[{"slot":""}]}',
      'x',
    ]) {
      expect(applyNativeStatus(p, ctx).outcome, p).toBe('rejected');
    }
  });
});
