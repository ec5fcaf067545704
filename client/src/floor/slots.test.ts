import { describe, expect, it } from 'vitest';
import { firstFreeSlot, slotsOf } from './slots.ts';

describe('slotsOf', () => {
  it('names AMS trays and the external holder on Bambu printers, tools elsewhere', () => {
    expect(slotsOf({ protocol: 'bambu', slots: 4 })).toEqual(['AMS1-1', 'AMS1-2', 'AMS1-3', 'AMS1-4', 'Ext']);
    expect(slotsOf({ protocol: 'bambu', slots: 8 })[4]).toBe('AMS2-1');
    expect(slotsOf({ protocol: 'bambu', slots: 1 })).toEqual(['T0']);
    expect(slotsOf({ protocol: 'moonraker', slots: 2 })).toEqual(['T0', 'T1']);
    expect(slotsOf({ protocol: 'octoprint', slots: 0 })).toEqual(['T0']);
  });
});

describe('firstFreeSlot', () => {
  it('takes the first empty slot, or none when all are taken', () => {
    expect(firstFreeSlot(['AMS1-1', 'AMS1-2', 'Ext'], ['AMS1-1'])).toBe('AMS1-2');
    expect(firstFreeSlot(['T0'], ['T0'])).toBeNull();
  });
});
