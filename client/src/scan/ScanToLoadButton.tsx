import { useState } from 'react';
import type { Printer } from '@printfloor/shared';
import { useDoc, useQuery } from '../hooks/use-query.ts';
import { firstFreeSlot, slotsOf } from '../floor/slots.ts';
import { ScanToLoad } from './ScanToLoad.tsx';
import './scanner.css';

/**
 * "Scan a spool to load" on a printer (station home, printer screen): pick the slot (the first
 * free one is chosen), then the camera opens over the screen and the scanned spool goes into it.
 * A hand scanner works too while the panel is open.
 */
export function ScanToLoadButton({ printerId }: { printerId: string }) {
  const printer = useDoc('printers', printerId);
  const [open, setOpen] = useState(false);
  if (!printer) return null;
  return (
    <>
      <button
        type="button"
        className="btn btn-primary btn-big scan-to-load-btn"
        data-testid="scan-to-load"
        onClick={() => setOpen(true)}
      >
        Scan a spool to load
      </button>
      {open ? <ScanToLoadPanel printer={printer} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/**
 * One slot: the camera starts at once. Several (an AMS, a tool changer): the operator taps the slot
 * first — target first — with the first free one marked; the chips stay on top to change it.
 */
function ScanToLoadPanel({ printer, onClose }: { printer: Printer; onClose: () => void }) {
  const { docs: loaded } = useQuery('spools', { selector: { loadedPrinterId: printer.id } });
  const slots = slotsOf(printer);
  const occupied = new Map(loaded.map((s) => [s.loadedSlot, s.code]));
  const [picked, setPicked] = useState<string | null>(slots.length === 1 ? (slots[0] ?? 'T0') : null);
  const suggested = firstFreeSlot(slots, occupied.keys());
  return (
    <div className="pf-load" role="dialog" aria-modal="true" aria-label={`Load a spool on ${printer.code}`}>
      {slots.length > 1 ? (
        <div className="pf-load__head">
          <h2 className="pf-scan__title">
            {picked ? `${printer.code}: slot ${picked}` : `${printer.code}: which slot gets the spool?`}
          </h2>
          <div
            className={`pf-load__slots${picked ? '' : ' pf-load__slots--ask'}`}
            role="radiogroup"
            aria-label="Slot"
          >
            {slots.map((s) => (
              <button
                key={s}
                type="button"
                role="radio"
                aria-checked={s === picked}
                className={`pf-scan__button pf-load__slot${s === suggested && !picked ? ' pf-load__slot--free' : ''}`}
                data-testid="load-slot"
                data-slot={s}
                onClick={() => setPicked(s)}
              >
                {s}
                <small>{occupied.get(s) ?? 'empty'}</small>
              </button>
            ))}
          </div>
          {picked ? null : (
            <button type="button" className="pf-scan__button" onClick={onClose}>
              Close
            </button>
          )}
        </div>
      ) : null}
      {picked ? (
        <div className="pf-load__camera">
          <ScanToLoad key={picked} printer={printer} slot={picked} onClose={onClose} />
        </div>
      ) : null}
    </div>
  );
}
