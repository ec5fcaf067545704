import { describe, expect, it } from 'vitest';
import { formatBytes, readStorageInfo, usedShare } from './storage-info.ts';

describe('storage info', () => {
  it('formats sizes the way the OS settings do', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(23_400_000)).toBe('23.4 MB');
    expect(formatBytes(812_000_000_000)).toBe('812 GB');
  });

  it('reads persistence and the estimate, and says when the browser has no Storage API', async () => {
    expect(await readStorageInfo(null)).toEqual({ persist: 'unsupported', usage: null, quota: null });
    const info = await readStorageInfo({
      persisted: () => Promise.resolve(true),
      estimate: () => Promise.resolve({ usage: 50, quota: 200 }),
    });
    expect(info).toEqual({ persist: 'persistent', usage: 50, quota: 200 });
    expect(usedShare(info)).toBe(0.25);
    const failing = await readStorageInfo({
      persisted: () => Promise.resolve(false),
      estimate: () => Promise.reject(new Error('no')),
    });
    expect(failing).toEqual({ persist: 'best-effort', usage: null, quota: null });
    expect(usedShare(failing)).toBeNull();
  });
});
