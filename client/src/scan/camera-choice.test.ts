import { describe, expect, it } from 'vitest';
import {
  initialSource,
  needsRestart,
  nextCamera,
  rememberCamera,
  streamAspect,
  type KeyValueStore,
} from './camera-choice.ts';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('camera choice', () => {
  it('opens the back camera unless the operator chose another one', () => {
    const store = memoryStore();
    expect(initialSource(store)).toEqual({ facingMode: 'environment' });
    rememberCamera(store, 'usb-cam');
    expect(initialSource(store)).toEqual({ deviceId: 'usb-cam' });
    rememberCamera(store, null);
    expect(initialSource(store)).toEqual({ facingMode: 'environment' });
    expect(initialSource(null)).toEqual({ facingMode: 'environment' });
  });

  it('survives a storage that throws (private mode)', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    expect(initialSource(broken)).toEqual({ facingMode: 'environment' });
    expect(() => rememberCamera(broken, 'x')).not.toThrow();
  });

  it('switches round the cameras, and offers no switch with one camera', () => {
    const cams = [
      { id: 'front', label: 'Front' },
      { id: 'back', label: 'Back' },
      { id: 'usb', label: 'USB' },
    ];
    expect(nextCamera(cams, 'front')?.id).toBe('back');
    expect(nextCamera(cams, 'usb')?.id).toBe('front');
    expect(nextCamera(cams, null)?.id).toBe('front');
    expect(nextCamera(cams.slice(0, 1), 'front')).toBeNull();
  });

  it('asks for a stream shaped like the viewfinder, within what cameras offer', () => {
    expect(streamAspect(1280, 720)).toBeCloseTo(16 / 9);
    expect(streamAspect(800, 1100)).toBeCloseTo(800 / 1100);
    expect(streamAspect(3000, 100)).toBe(2);
    expect(streamAspect(0, 0)).toBeCloseTo(4 / 3);
  });

  it('restarts on a turn of the tablet, not on small resizes', () => {
    expect(needsRestart(16 / 9, 9 / 16)).toBe(true);
    expect(needsRestart(4 / 3, 1.3)).toBe(false);
  });
});
