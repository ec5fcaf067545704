import { useEffect, useRef, useState, type RefObject } from 'react';
import {
  cameraPrecheck,
  classifyCameraError,
  type CameraEnvironment,
  type CameraProblem,
} from './camera-errors.ts';
import { CameraClosedError, openCamera, type CameraSession, type CameraSource } from './camera-engine.ts';
import { needsRestart, streamAspect } from './camera-choice.ts';

export type CameraState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'scanning'; session: CameraSession }
  | { status: 'failed'; problem: CameraProblem };

export interface CameraSessionOptions {
  source: CameraSource;
  /** False stops the camera (e.g. after a single scan, or while a dialog covers the scanner). */
  enabled: boolean;
  fps: number;
  onDecode: (text: string) => void;
}

function cameraEnv(): CameraEnvironment {
  return {
    isSecureContext: window.isSecureContext,
    hasMediaDevices: typeof navigator.mediaDevices?.getUserMedia === 'function',
  };
}

/**
 * Runs a camera session in `hostRef`'s element while enabled: starts it, restarts it on `retry`, on a
 * new source and when the viewfinder turns (portrait ↔ landscape, so the stream keeps its shape),
 * and always releases the camera on unmount.
 */
export function useCameraSession(hostRef: RefObject<HTMLElement | null>, opts: CameraSessionOptions) {
  const [state, setState] = useState<CameraState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const onDecode = useRef(opts.onDecode);
  const startedAspect = useRef(0);
  useEffect(() => {
    onDecode.current = opts.onDecode;
  });
  const { source, enabled, fps } = opts;

  useEffect(() => {
    const host = hostRef.current;
    if (!enabled || !host) {
      setState({ status: 'idle' });
      return;
    }
    const env = cameraEnv();
    const pre = cameraPrecheck(env);
    if (pre) {
      setState({ status: 'failed', problem: pre });
      return;
    }
    let cancelled = false;
    const aspectRatio = streamAspect(host.clientWidth, host.clientHeight);
    startedAspect.current = aspectRatio;
    setState({ status: 'starting' });
    const camera = openCamera(host, source, (text) => onDecode.current(text), {
      fps,
      aspectRatio,
      // The whole picture: a label held close to the lens (a gloved hand) must scan too.
      regionShare: 1,
    });
    camera.ready.then(
      (session: CameraSession) => {
        if (!cancelled) setState({ status: 'scanning', session });
      },
      (err: unknown) => {
        if (!cancelled && !(err instanceof CameraClosedError)) {
          setState({ status: 'failed', problem: classifyCameraError(err, env) });
        }
      },
    );
    return () => {
      cancelled = true;
      void camera.close();
    };
  }, [hostRef, source, enabled, fps, attempt]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      const now = streamAspect(host.clientWidth, host.clientHeight);
      if (startedAspect.current > 0 && needsRestart(startedAspect.current, now)) {
        startedAspect.current = now;
        setAttempt((a) => a + 1);
      }
    });
    ro.observe(host);
    return () => ro.disconnect();
  }, [hostRef]);

  return { state, retry: () => setAttempt((a) => a + 1) };
}
