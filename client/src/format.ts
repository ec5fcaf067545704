/** Display formatting, one place, so every screen says grams and times the same way. */

export function formatGrams(g: number): string {
  const rounded = Math.round(g * 10) / 10;
  // A no-break space: "201 g" never breaks across lines.
  return `${rounded.toLocaleString('en-US', { maximumFractionDigits: 1 })}\u00a0g`;
}

export function formatPercent(p: number): string {
  return `${Math.round(p)} %`;
}

/** `1 h 05 min`, `12 min`, `45 s` — for running times on a step tracker. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return `${h} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Local date and time, short: `Mar 3, 14:05`. Invalid input is shown as given. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** `just now`, `5 min ago`, `3 h ago`, else the date. */
export function formatAgo(at: number, now: number = Date.now()): string {
  const s = Math.round((now - at) / 1000);
  if (s < 10) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return formatDateTime(new Date(at).toISOString());
}

/** Whether a `YYYY-MM-DD` due date lies before today's (local) date. */
export function isOverdue(dueDate: string, today: Date = new Date()): boolean {
  if (!dueDate) return false;
  const t = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return dueDate < t;
}

/** Words that are abbreviations on the floor. */
const ABBREVIATIONS: Record<string, string> = { qc: 'QC', ok: 'OK' };

export function humanize(code: string): string {
  const abbr = ABBREVIATIONS[code.toLowerCase()];
  if (abbr) return abbr;
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
