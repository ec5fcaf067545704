import { decodeQr } from '@printfloor/shared';
import { useApp } from '../../app/client-context.ts';
import { navigate } from '../../app/router.ts';
import { toast } from '../../components/Toast.tsx';
import { firstFreeSlot, slotsOf } from '../../floor/slots.ts';
import type { StationView } from '../../floor/station-view.ts';
import type { StationInfo } from '../../hooks/use-floor.ts';
import { useScanTarget } from '../../scan/scan-targets.ts';
import { useStepRecorder } from '../steps/use-step-recorder.ts';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Target-first scans on the station screen (issue 4): a work order's label starts its step that is
 * ready here; on a printer station a spool's label loads that spool into the first free slot. Both
 * are ordinary, undoable actions. Anything else goes on to the app's "open the record".
 */
export function useStationScans(station: StationInfo | null, view: StationView | null): void {
  const { client, floor } = useApp();
  const { record, planFor, signedIn } = useStepRecorder();

  useScanTarget(
    async (text) => {
      const p = decodeQr(text);
      if (p.type !== 'record' || !station || !view || !signedIn) return false;
      if (p.kind === 'wo') {
        if (view.running.some((s) => same(s.wo.code, p.code))) {
          toast(`${p.code} already runs here`);
          return true;
        }
        const step = view.queue.find((s) => same(s.wo.code, p.code));
        if (!step) return false;
        const { plan, printerId } = planFor(step);
        if (plan.kind === 'go' && plan.warning === null) {
          await record(step, 'start', { type: 'start', printerId });
          return true;
        }
        toast(
          plan.kind === 'refused' ? `Cannot start: ${plan.reason}` : 'Confirm the start on the work order',
        );
        navigate(`/work-orders/${encodeURIComponent(step.wo.id)}#op-${step.op.id}`);
        return true;
      }
      if (p.kind === 'spool' && station.printer) {
        const printer = station.printer;
        const found = await client.db.spools.findOne({ selector: { code: p.code } }).exec();
        const spool = found?.toJSON() ?? null;
        if (!spool) return false;
        if (spool.loadedPrinterId === printer.id) {
          toast(`${spool.code} is already on ${printer.code}`);
          return true;
        }
        const loaded = await client.db.spools.find({ selector: { loadedPrinterId: printer.id } }).exec();
        const slot = firstFreeSlot(
          slotsOf(printer),
          loaded.map((d) => d.loadedSlot),
        );
        if (!slot) {
          toast(`Every slot of ${printer.code} is taken: pick the slot on the spool`);
          navigate(`/spools/${encodeURIComponent(spool.id)}`);
          return true;
        }
        await floor.commands.loadSpool(spool, printer, slot);
        return true;
      }
      return false;
    },
    { enabled: station !== null },
  );
}
