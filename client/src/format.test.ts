import { describe, expect, it } from 'vitest';
import { formatAgo, formatDuration, formatGrams, humanize, isOverdue } from './format.ts';

describe('format', () => {
  it('formats grams to one decimal', () => {
    expect(formatGrams(880)).toBe('880\u00a0g');
    expect(formatGrams(1234.56)).toBe('1,234.6\u00a0g');
    expect(formatGrams(-3)).toBe('-3\u00a0g');
  });
  it('formats durations for a step timer', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 05 min');
    expect(formatDuration(-5)).toBe('0 s');
  });
  it('says how long ago', () => {
    expect(formatAgo(1000, 5000)).toBe('just now');
    expect(formatAgo(0, 5 * 60_000)).toBe('5 min ago');
    expect(formatAgo(0, 3 * 3_600_000)).toBe('3 h ago');
  });
  it('knows overdue dates', () => {
    const today = new Date(2026, 2, 10);
    expect(isOverdue('2026-03-09', today)).toBe(true);
    expect(isOverdue('2026-03-10', today)).toBe(false);
    expect(isOverdue('', today)).toBe(false);
  });
  it('humanizes codes', () => {
    expect(humanize('in_progress')).toBe('In progress');
  });
});
