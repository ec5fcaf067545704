/**
 * Beep and buzz on a scan, so an operator scanning a row of spools need not look at the screen.
 * WebAudio (no audio file to fetch or cache) and `navigator.vibrate` where the tablet has a motor.
 * Browsers start an AudioContext only after a user gesture; the scanner is opened by a tap, and a
 * context that stays suspended just stays silent.
 */

export interface FeedbackDeps {
  createAudioContext?: () => AudioContext | null;
  vibrate?: (pattern: number | number[]) => void;
}

export interface ScanFeedback {
  /** An accepted scan: one short high beep. */
  ok(): void;
  /** A scan that means nothing: two low beeps. */
  bad(): void;
  dispose(): void;
}

const OK_TONE = { hz: 1760, ms: 70 };
const BAD_TONE = { hz: 220, ms: 110 };

export function createScanFeedback(deps: FeedbackDeps = browserDeps()): ScanFeedback {
  let ctx: AudioContext | null | undefined;
  const audio = (): AudioContext | null => {
    if (ctx === undefined) {
      try {
        ctx = deps.createAudioContext?.() ?? null;
      } catch {
        ctx = null;
      }
    }
    if (ctx?.state === 'suspended') void ctx.resume().catch(() => undefined);
    return ctx;
  };
  const tone = (hz: number, ms: number, delayMs = 0) => {
    const c = audio();
    if (!c) return;
    const start = c.currentTime + delayMs / 1000;
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.type = 'square';
    osc.frequency.value = hz;
    // A short ramp in and out avoids the click of a hard-edged square wave.
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.2, start + 0.005);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + ms / 1000);
    osc.connect(gain).connect(c.destination);
    osc.start(start);
    osc.stop(start + ms / 1000 + 0.01);
  };
  const vibrate = (pattern: number | number[]) => {
    try {
      deps.vibrate?.(pattern);
    } catch {
      // Some browsers throw when vibration is blocked; silence is fine.
    }
  };
  return {
    ok() {
      tone(OK_TONE.hz, OK_TONE.ms);
      vibrate(40);
    },
    bad() {
      tone(BAD_TONE.hz, BAD_TONE.ms);
      tone(BAD_TONE.hz, BAD_TONE.ms, BAD_TONE.ms + 60);
      vibrate([80, 60, 80]);
    },
    dispose() {
      if (ctx) void ctx.close().catch(() => undefined);
      ctx = null;
    },
  };
}

function browserDeps(): FeedbackDeps {
  return {
    createAudioContext: () => (typeof AudioContext === 'undefined' ? null : new AudioContext()),
    vibrate: (p) => {
      if (typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function') navigator.vibrate(p);
    },
  };
}
