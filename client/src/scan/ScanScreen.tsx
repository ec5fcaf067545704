import { CameraScanner } from './CameraScanner.tsx';
import { routeScan } from './scan-targets.ts';

/**
 * The `/scan` route: the camera, full screen; a scan goes where a wedge scan would (the record
 * opens, or the screen that asked for it gets it). Back returns to where the operator was.
 */
export function ScanScreen() {
  return (
    <div className="pf-scan-screen" style={{ height: 'calc(100dvh - 8rem)', minHeight: '24rem' }}>
      <CameraScanner
        title="Scan a label"
        onScan={(text) => void routeScan(text)}
        onClose={() => history.back()}
      />
    </div>
  );
}
