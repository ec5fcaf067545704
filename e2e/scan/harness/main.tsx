import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CameraScanner } from '../../../client/src/scan/CameraScanner.tsx';
import { useWedgeScanner } from '../../../client/src/scan/use-wedge-scanner.ts';
import { dispatchScan, type ScanLookups, type ScanOutcome } from '../../../client/src/scan/dispatch.ts';
import { LabelPrintDialog } from '../../../client/src/labels/LabelPrintDialog.tsx';
import { spoolLabel } from '../../../client/src/labels/label-items.ts';
import { preloadDecoder } from '../../../client/src/scan/camera-engine.ts';
import '../support/harness-types.ts';

/**
 * Test page for e2e/scan: mounts the scan and label components alone, with in-memory lookups, and
 * records every scan on `window.__scans` for the tests and the bench to read.
 * `?mode=camera|wedge|labels`, `&continuous=1`, `&repeat=<ms>`, `&fps=<n>`.
 */

window.__scans = [];
window.__outcomes = [];

/** The bench's baseline: the same decoder on one still image, no camera, no UI (ms, or -1 when not decoded). */
window.__decodeImageMs = async (dataUrl: string) => {
  const lib = await preloadDecoder();
  let host = document.getElementById('decode-host');
  if (!host) {
    host = document.createElement('div');
    host.id = 'decode-host';
    host.style.display = 'none';
    document.body.append(host);
  }
  const blob = await (await fetch(dataUrl)).blob();
  const file = new File([blob], 'qr.png', { type: 'image/png' });
  const F = lib.Html5QrcodeSupportedFormats;
  const decoder = new lib.Html5Qrcode('decode-host', {
    verbose: false,
    formatsToSupport: [F.QR_CODE, F.EAN_13, F.UPC_A],
    useBarCodeDetectorIfSupported: true,
  });
  const t0 = performance.now();
  try {
    await decoder.scanFileV2(file, false);
    return performance.now() - t0;
  } catch {
    return -1;
  }
};

const SPOOLS = [
  { id: 'sp-1', code: 'SP-0001', title: 'PLA · Galaxy Black', deleted: false },
  { id: 'sp-9', code: 'SP-0009', title: 'PETG · Red', deleted: true },
];

const lookups: ScanLookups = {
  findRecord: (kind, code) => {
    const s = kind === 'spool' ? SPOOLS.find((x) => x.code === code) : undefined;
    return Promise.resolve(s ? { kind, id: s.id, code: s.code, title: s.title, deleted: s.deleted } : null);
  },
  findSpoolBySpoolmanId: () => Promise.resolve(null),
  lastSpoolWithEan: () => Promise.resolve(null),
};

const params = new URLSearchParams(location.search);
const num = (k: string, d: number) => Number(params.get(k) ?? d);

function useDispatch() {
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  const handle = (text: string, source: string) => {
    window.__scans.push({ text, source, at: performance.now() });
    void dispatchScan(text, lookups, {
      open: noop,
      offerBind: noop,
      offerCreateSpool: noop,
      notify: noop,
    }).then((o) => {
      window.__outcomes.push(o);
      setOutcome(o);
    });
  };
  return { outcome, handle };
}

function noop(): void {}

function describe(o: ScanOutcome | null): string {
  if (!o) return '';
  return o.type === 'open'
    ? `open ${o.record.code} ${o.record.title}`
    : o.type === 'message'
      ? o.message
      : `${o.type}: ${o.message}`;
}

function CameraMode() {
  const { outcome, handle } = useDispatch();
  return (
    <div className="harness">
      <div className="harness__scanner">
        <CameraScanner
          continuous={params.get('continuous') === '1'}
          repeatWindowMs={num('repeat', 2000)}
          fps={num('fps', 12)}
          title="Scan a spool"
          onScan={(text, meta) => handle(text, meta.source)}
        >
          <p data-testid="outcome">{describe(outcome)}</p>
        </CameraScanner>
      </div>
    </div>
  );
}

function WedgeMode() {
  const { outcome, handle } = useDispatch();
  const [note, setNote] = useState('');
  useWedgeScanner((code) => handle(code, 'wedge'));
  return (
    <div className="harness__log">
      <label>
        Note (React controlled){' '}
        <input data-testid="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <label>
        Plain <input data-testid="plain" />
      </label>
      <label>
        Lot (types scans) <input data-testid="lot" data-wedge="type" />
      </label>
      <textarea data-testid="area" />
      <p data-testid="outcome">{describe(outcome)}</p>
      <p data-testid="note-mirror">{note}</p>
    </div>
  );
}

const LABEL_ITEMS = [
  spoolLabel({
    code: 'SP-0001',
    material: 'PLA',
    colorName: 'Galaxy Black',
    colorHex: '#1a1a2e',
    brand: 'Prusament',
    netWeightG: 1000,
    diameterMm: 1.75,
    lot: 'L1',
  }),
];

function App() {
  const mode = params.get('mode');
  if (mode === 'wedge') return <WedgeMode />;
  if (mode === 'labels') return <LabelPrintDialog items={LABEL_ITEMS} origin="http://printfloor.test" />;
  return <CameraMode />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
