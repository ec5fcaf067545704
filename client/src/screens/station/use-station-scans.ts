import { decodeQr } from '@printfloor/shared';
import { useApp } from '../../app/client-context.ts';
import { navigate } from '../../app/router.ts';
import { toast } from '../../components/Toast.tsx';
import { firstFreeSlot, slotsOf } from '../../floor/slots.ts';
import type { FloorStep, StationView } from '../../floor/station-view.ts';
import type { StationInfo } from '../../hooks/use-floor.ts';
import { useScanTarget } from '../../scan/scan-targets.ts';
import { useStepRecorder } from '../steps/use-step-recorder.ts';
import { consumeHash, latestRunningStep } from '../spools/consume-link.ts';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The step consumption is recorded against: the one running here (a paused one when none runs). */
export function runningStepOf(view: StationView): FloorStep | null {
  return view.running.find((s) => s.state.status === 'running') ?? view.running[0] ?? null;
}

/** The id of a loaded spool's "Used for …" field on the station screen (LoadedSpools.tsx). */
export const spoolUseFieldId = (spoolId: string) => `use-${spoolId}`;

/** Scrolls a loaded spool's "Used for …" field into view and puts the cursor in it. */
function focusUseField(spoolId: string): boolean {
  const input = document.getElementById(spoolUseFieldId(spoolId));
  if (!(input instanceof HTMLInputElement)) return false;
  input.scrollIntoView({ block: 'center' });
  input.focus();
  return true;
}

/**
 * Target-first scans on the station screen (issue 4): a work order's label starts its step that is
 * ready here; on a printer station a spool's label loads that spool into the first free slot. With
 * a step running here, a spool's label selects it for consumption against that step: on a printer
 * station (spool already loaded there) the cursor goes to its "Used for …" field; at a bench the
 * spool's screen opens on its "Record use" form, pre-set to the running step. Loads and uses are
 * ordinary, undoable floor actions. Anything else goes on to the app's "open the record".
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
      if (p.kind !== 'spool') return false;
      const found = await client.db.spools.findOne({ selector: { code: p.code } }).exec();
      const spool = found?.toJSON() ?? null;
      if (!spool) return false;
      if (!station.printer) {
        const step = latestRunningStep(view.running);
        if (!step) return false;
        toast(`${spool.code}: enter the grams used for ${step.wo.code} ${step.op.code}`);
        navigate(`/spools/${encodeURIComponent(spool.id)}${consumeHash(step.wo.id, step.op.id)}`);
        return true;
      }
      const step = runningStepOf(view);
      const printer = station.printer;
      if (spool.loadedPrinterId === printer.id) {
        if (step && focusUseField(spool.id)) {
          toast(`${spool.code}: enter the grams used for ${step.op.code}`);
          return true;
        }
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
    },
    { enabled: station !== null },
  );
}
