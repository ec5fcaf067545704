import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { decodeQr, type QrPayload } from '@printfloor/shared';
import { listCameras, type CameraDeviceInfo, type CameraSource } from './camera-engine.ts';
import { initialSource, nextCamera, rememberCamera } from './camera-choice.ts';
import type { CameraProblem } from './camera-errors.ts';
import { createScanFeedback } from './feedback.ts';
import { payloadLabel } from './dispatch.ts';
import { RepeatFilter, scanKey } from './repeat-filter.ts';
import { useCameraSession, type CameraState } from './use-camera-session.ts';
import { ManualEntry } from './ManualEntry.tsx';
import './scanner.css';

export interface ScanMeta {
  source: 'camera' | 'manual';
  payload: QrPayload;
}

export interface CameraScannerProps {
  /** Every accepted scan, valid or not (hand it to `dispatchScan`, which explains invalid ones). */
  onScan: (text: string, meta: ScanMeta) => void;
  /** Keep scanning after a hit (a row of spools), with a count; default stops after the first valid code. */
  continuous?: boolean;
  /** Shows a Close button when given. */
  onClose?: () => void;
  /** What to scan, e.g. "Scan the spool to load on P1S-01 · AMS slot 2". */
  title?: string;
  /** Shown over the bottom of the viewfinder: the result of the last scan, e.g. "Loaded SP-0001". */
  children?: ReactNode;
  /** Decode attempts per second. Default 12. */
  fps?: number;
  /** The same code is counted again only after being out of view this long. Default 2000 ms. */
  repeatWindowMs?: number;
}

/**
 * The camera scanner: back camera by default, camera switch, torch where the camera has one, a
 * viewfinder that fills the space in portrait and landscape, single or continuous mode with beep,
 * vibration and a count, and a manual entry box that is always on screen. Camera problems
 * (permission, no camera, insecure page, camera busy) are explained in place, and the manual box
 * takes the focus.
 */
export function CameraScanner({
  onScan,
  continuous = false,
  onClose,
  title,
  children,
  fps = 12,
  repeatWindowMs = 2000,
}: CameraScannerProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [source, setSource] = useState<CameraSource>(() => initialSource(storage()));
  const [done, setDone] = useState(false);
  // Two frames can decode before React re-renders; the ref stops the second one at once.
  const doneRef = useRef(false);
  const [count, setCount] = useState(0);
  const [last, setLast] = useState<{ label: string; valid: boolean } | null>(null);
  const filter = useMemo(() => new RepeatFilter(repeatWindowMs), [repeatWindowMs]);
  const feedback = useMemo(() => createScanFeedback(), []);
  useEffect(() => () => feedback.dispose(), [feedback]);

  const accept = (text: string, from: ScanMeta['source']) => {
    if (from === 'camera' && (doneRef.current || !filter.accept(scanKey(text), performance.now()))) return;
    const payload = decodeQr(text);
    const valid = payload.type !== 'invalid';
    if (valid) feedback.ok();
    else feedback.bad();
    // A bad scan says why in the viewfinder itself: the operator holds the tablet at arm's length.
    setLast({
      label: payload.type === 'invalid' ? `Not a label here: ${payload.reason}` : payloadLabel(payload),
      valid,
    });
    if (valid) setCount((c) => c + 1);
    if (valid && !continuous && from === 'camera') {
      doneRef.current = true;
      setDone(true);
    }
    onScan(text, { source: from, payload });
  };

  const { state, retry } = useCameraSession(hostRef, {
    source,
    enabled: !done,
    fps,
    onDecode: (t) => accept(t, 'camera'),
  });
  useFallbackToBackCamera(state, source, setSource);
  const cameras = useCameras(state);
  const problem = state.status === 'failed' ? state.problem : null;

  return (
    <section className="pf-scan" aria-label={title ?? 'Scanner'}>
      <header className="pf-scan__bar">
        <h2 className="pf-scan__title">{title ?? 'Scan a label'}</h2>
        {continuous && (
          <span className="pf-scan__count" data-testid="scan-count" aria-label={`${count} scanned`}>
            {count}
          </span>
        )}
        <CameraControls state={state} cameras={cameras} onSwitch={(c) => switchTo(c, setSource)} />
        {onClose && (
          <button type="button" className="pf-scan__button" onClick={onClose}>
            Close
          </button>
        )}
      </header>
      <div className="pf-scan__stage">
        <div className="pf-scan__host" ref={hostRef} />
        {state.status === 'starting' && <p className="pf-scan__hint">Starting camera…</p>}
        {done && (
          <div className="pf-scan__hint pf-scan__hint--done">
            <p>Scanned.</p>
            <div className="pf-scan__hint-actions">
              {onClose && (
                <button
                  type="button"
                  className="pf-scan__button pf-scan__button--primary"
                  data-testid="scan-done"
                  onClick={onClose}
                >
                  Done
                </button>
              )}
              <button
                type="button"
                className={`pf-scan__button${onClose ? '' : ' pf-scan__button--primary'}`}
                onClick={() => {
                  doneRef.current = false;
                  filter.clear();
                  setDone(false);
                }}
              >
                Scan again
              </button>
            </div>
          </div>
        )}
        {problem && <ProblemPanel problem={problem} onRetry={retry} />}
        <div className="pf-scan__overlay" aria-live="polite">
          {last && (
            <p className={`pf-scan__last ${last.valid ? '' : 'pf-scan__last--bad'}`} data-testid="scan-last">
              {last.valid ? '✓' : '✗'} {last.label}
            </p>
          )}
          {children}
        </div>
      </div>
      <ManualEntry onSubmit={(t) => accept(t, 'manual')} autoFocus={problem !== null} />
    </section>
  );
}

function ProblemPanel({ problem, onRetry }: { problem: CameraProblem; onRetry: () => void }) {
  return (
    <div className="pf-scan__problem" role="alert" data-testid="scan-problem" data-kind={problem.kind}>
      <h3>{problem.title}</h3>
      <p>{problem.message}</p>
      {problem.retry && (
        <button type="button" className="pf-scan__button pf-scan__button--primary" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

function CameraControls({
  state,
  cameras,
  onSwitch,
}: {
  state: CameraState;
  cameras: CameraDeviceInfo[];
  onSwitch: (c: CameraDeviceInfo) => void;
}) {
  const [torchOn, setTorchOn] = useState(false);
  const session = state.status === 'scanning' ? state.session : null;
  useEffect(() => setTorchOn(false), [session]);
  const next = session ? nextCamera(cameras, session.deviceId) : null;
  return (
    <>
      {session?.torchSupported && (
        <button
          type="button"
          className="pf-scan__button"
          aria-pressed={torchOn}
          data-testid="scan-torch"
          onClick={() => {
            const on = !torchOn;
            session.setTorch(on).then(
              () => setTorchOn(on),
              () => setTorchOn(false),
            );
          }}
        >
          {torchOn ? 'Light off' : 'Light on'}
        </button>
      )}
      {next && (
        <button
          type="button"
          className="pf-scan__button"
          data-testid="scan-switch"
          onClick={() => onSwitch(next)}
          title={next.label}
        >
          Switch camera
        </button>
      )}
    </>
  );
}

function switchTo(camera: CameraDeviceInfo, setSource: (s: CameraSource) => void): void {
  rememberCamera(storage(), camera.id);
  setSource({ deviceId: camera.id });
}

/** A remembered camera that is gone (unplugged, another tablet's id) falls back to the back camera. */
function useFallbackToBackCamera(
  state: CameraState,
  source: CameraSource,
  setSource: (s: CameraSource) => void,
): void {
  useEffect(() => {
    if (state.status === 'failed' && state.problem.kind === 'no-camera' && 'deviceId' in source) {
      rememberCamera(storage(), null);
      setSource({ facingMode: 'environment' });
    }
  }, [state, source, setSource]);
}

/** The cameras to switch between, listed once one runs (before permission, labels and ids are empty). */
function useCameras(state: CameraState): CameraDeviceInfo[] {
  const [cameras, setCameras] = useState<CameraDeviceInfo[]>([]);
  const running = state.status === 'scanning';
  useEffect(() => {
    if (!running) return;
    let live = true;
    listCameras().then(
      (c) => live && setCameras(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [running]);
  return cameras;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
