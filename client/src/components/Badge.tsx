import { humanize } from '../format.ts';

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'mute';

export function Badge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`badge b-${tone}`}>{children}</span>;
}

const WO_TONE: Record<string, Tone> = {
  draft: 'mute',
  released: 'info',
  in_progress: 'warn',
  completed: 'ok',
  cancelled: 'mute',
  on_hold: 'warn',
  empty: 'bad',
  disposed: 'mute',
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={WO_TONE[status] ?? 'mute'}>{humanize(status)}</Badge>;
}

const STEP_TONE: Record<string, Tone> = {
  pending: 'mute',
  running: 'ok',
  paused: 'warn',
  completed: 'info',
  skipped: 'mute',
};

export function StepBadge({ status }: { status: string }) {
  return <Badge tone={STEP_TONE[status] ?? 'mute'}>{humanize(status)}</Badge>;
}

const LEVEL_TONE: Record<string, Tone> = { ok: 'ok', low: 'warn', critical: 'bad', empty: 'bad' };

export function LevelBadge({ level }: { level: string }) {
  return <Badge tone={LEVEL_TONE[level] ?? 'mute'}>{humanize(level)}</Badge>;
}
