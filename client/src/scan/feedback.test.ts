import { describe, expect, it, vi } from 'vitest';
import { createScanFeedback } from './feedback.ts';

/** Just enough of an AudioContext to record the tones played. */
function fakeAudio() {
  const tones: { hz: number; at: number }[] = [];
  const param = () => ({ value: 0, setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() });
  const ctx = {
    state: 'running',
    currentTime: 10,
    destination: {},
    resume: vi.fn(() => Promise.resolve()),
    close: vi.fn(() => Promise.resolve()),
    createGain: () => ({ gain: param(), connect: (x: unknown) => x }),
    createOscillator: () => {
      const osc = {
        type: '',
        frequency: param(),
        connect: (x: unknown) => x,
        start: (at: number) => tones.push({ hz: osc.frequency.value, at }),
        stop: vi.fn(),
      };
      return osc;
    },
  };
  return { ctx: ctx as unknown as AudioContext, tones, raw: ctx };
}

describe('createScanFeedback', () => {
  it('beeps once high and buzzes briefly for an accepted scan', () => {
    const audio = fakeAudio();
    const vibrate = vi.fn();
    const fb = createScanFeedback({ createAudioContext: () => audio.ctx, vibrate });
    fb.ok();
    expect(audio.tones).toEqual([{ hz: 1760, at: 10 }]);
    expect(vibrate).toHaveBeenCalledWith(40);
  });

  it('beeps twice low for a scan that means nothing', () => {
    const audio = fakeAudio();
    const vibrate = vi.fn();
    const fb = createScanFeedback({ createAudioContext: () => audio.ctx, vibrate });
    fb.bad();
    expect(audio.tones.map((t) => t.hz)).toEqual([220, 220]);
    expect(audio.tones[1]!.at).toBeGreaterThan(audio.tones[0]!.at);
    expect(vibrate).toHaveBeenCalledWith([80, 60, 80]);
  });

  it('creates one audio context lazily, resumes a suspended one, and closes it on dispose', () => {
    const audio = fakeAudio();
    audio.raw.state = 'suspended';
    const create = vi.fn(() => audio.ctx);
    const fb = createScanFeedback({ createAudioContext: create });
    expect(create).not.toHaveBeenCalled();
    fb.ok();
    fb.ok();
    expect(create).toHaveBeenCalledTimes(1);
    expect(audio.raw.resume).toHaveBeenCalled();
    fb.dispose();
    expect(audio.raw.close).toHaveBeenCalled();
  });

  it('stays silent, without throwing, where there is no audio or vibration', () => {
    const fb = createScanFeedback({
      createAudioContext: () => {
        throw new Error('no audio');
      },
      vibrate: () => {
        throw new Error('blocked');
      },
    });
    expect(() => {
      fb.ok();
      fb.bad();
      fb.dispose();
    }).not.toThrow();
  });
});
