import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { LedgerState, Printer, Spool } from '@printfloor/shared';
import { Link } from '../../components/Link.tsx';
import { netFromGross } from '../../data/spool-commands.ts';
import { slotsOf } from '../../floor/slots.ts';
import { buildStationView, type FloorStep } from '../../floor/station-view.ts';
import { formatGrams } from '../../format.ts';
import { useFloor, useFloorVersion, useOperator, useStation, useStationView } from '../../hooks/use-floor.ts';
import { useQuery } from '../../hooks/use-query.ts';
import { parseConsumeHash } from './consume-link.ts';

const num = (s: string) => Number(s.trim().replace(',', '.'));

/** The step running on the spool's printer: consumption is recorded against it. */
function useRunningOn(printerId: string): FloorStep | null {
  const { index } = useFloor();
  const version = useFloorVersion();
  return useMemo(() => {
    if (!printerId || version < 0) return null;
    const view = buildStationView(index.workOrdersAt({ printerId }), { kind: 'printer', id: printerId });
    return view.running.find((s) => s.state.status === 'running') ?? view.running[0] ?? null;
  }, [index, printerId, version]);
}

/**
 * The step a bench's scan opened this screen for (`#consume=<wo>/<op>`, consume-link.ts), while it
 * still runs, and the other steps running at this tablet's station to pick from instead (several
 * may run at a bench). Empty without such a link. Read once: the link is how the screen was opened.
 */
function useLinkedSteps(): { steps: FloorStep[]; linkedOpId: string } {
  const { index } = useFloor();
  const version = useFloorVersion();
  const station = useStation();
  const { view } = useStationView(station);
  const [target] = useState(() => (typeof location === 'undefined' ? null : parseConsumeHash(location.hash)));
  return useMemo(() => {
    if (!target || version < 0) return { steps: [], linkedOpId: '' };
    const here = view?.running ?? [];
    if (here.some((s) => s.op.id === target.operationId))
      return { steps: here, linkedOpId: target.operationId };
    // The tablet changed station since: that step alone, while it runs.
    const fwo = index.workOrder(target.workOrderId);
    const op = fwo?.ops.find((o) => o.id === target.operationId);
    if (!fwo || !op) return { steps: [], linkedOpId: '' };
    const alone = buildStationView([fwo], { kind: 'work_center', id: op.workCenterId }).running.filter(
      (s) => s.op.id === op.id,
    );
    return { steps: alone, linkedOpId: alone.length > 0 ? op.id : '' };
  }, [index, target, version, view]);
}

function Box({
  title,
  children,
  testId,
  onSubmit,
}: {
  title: string;
  children: ReactNode;
  testId: string;
  onSubmit: (e: FormEvent) => void;
}) {
  return (
    <form className="card spool-box" onSubmit={onSubmit} data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </form>
  );
}

/**
 * What an operator does with a spool, each straight into the ledger (offline, undoable): weigh it,
 * record what a step used, load it on a printer slot or unload it, move it, mark it empty.
 */
export function SpoolActions({ spool, ledger }: { spool: Spool; ledger: LedgerState }) {
  const { commands } = useFloor();
  const operator = useOperator();
  const { docs: printers } = useQuery('printers', { selector: { active: true } });
  const sortedPrinters = useMemo(
    () => [...printers].sort((a, b) => a.code.localeCompare(b.code)),
    [printers],
  );
  const onPrinter = useRunningOn(spool.loadedPrinterId);
  const { steps: linkedSteps, linkedOpId } = useLinkedSteps();
  const [pickedOpId, setPickedOpId] = useState('');
  const linked = linkedSteps.find((s) => s.op.id === (pickedOpId || linkedOpId)) ?? null;
  const running = linked ?? onPrinter;
  const usedRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Opened from a bench's scan: the cursor goes straight to the grams of the running step.
    if (!linkedOpId || !usedRef.current) return;
    usedRef.current.scrollIntoView({ block: 'center' });
    usedRef.current.focus();
  }, [linkedOpId]);
  const [gross, setGross] = useState('');
  const [used, setUsed] = useState('');
  const [printerId, setPrinterId] = useState('');
  const [slot, setSlot] = useState('');
  const [location, setLocation] = useState('');
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const printer: Printer | undefined = printers.find((p) => p.id === printerId);
  const slots = printer ? slotsOf(printer) : [];
  const grossN = num(gross);

  if (!operator.personId) {
    return (
      <p className="notice">
        <Link href={`/sign-in?next=${encodeURIComponent(`/spools/${spool.id}`)}`}>Sign in</Link> to weigh,
        load or use this spool.
      </p>
    );
  }

  const run = (e: FormEvent, action: () => Promise<unknown>, reset: () => void) => {
    e.preventDefault();
    setError(null);
    action().then(reset, (err: unknown) =>
      setError(`Not saved: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  const fail = (msg: string) => (e: FormEvent) => {
    e.preventDefault();
    setError(msg);
  };

  return (
    <div className="spool-actions">
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-grid">
        <Box
          title="Weigh"
          testId="weigh-form"
          onSubmit={
            grossN > 0
              ? (e) =>
                  run(
                    e,
                    () => commands.weighIn(spool, grossN),
                    () => setGross(''),
                  )
              : fail('Enter the weight the scale shows, spool included.')
          }
        >
          <label className="field">
            Scale reading, spool included (g)
            <input
              inputMode="decimal"
              value={gross}
              onChange={(e) => setGross(e.target.value)}
              placeholder="e.g. 812"
            />
          </label>
          <p className="muted calc" data-testid="weigh-calc">
            {grossN > 0
              ? `Remaining = ${formatGrams(grossN)} − ${formatGrams(spool.tareWeightG)} empty spool = ${formatGrams(netFromGross(grossN, spool.tareWeightG))}`
              : `Empty spool weighs ${formatGrams(spool.tareWeightG)}`}
          </p>
          <button className="btn btn-primary" type="submit">
            Record weigh-in
          </button>
        </Box>
        <Box
          title="Record use"
          testId="consume-form"
          onSubmit={
            num(used) > 0
              ? (e) =>
                  run(
                    e,
                    () =>
                      commands.consume(spool, num(used), {
                        workOrderId: running?.wo.id ?? '',
                        operationId: running?.op.id ?? '',
                        printerId: spool.loadedPrinterId,
                        slot: spool.loadedSlot,
                      }),
                    () => setUsed(''),
                  )
              : fail('Enter the grams used (more than 0).')
          }
        >
          <label className="field">
            {linked ? `Used for ${linked.op.code} (g)` : 'Filament used (g)'}
            <input
              ref={usedRef}
              inputMode="decimal"
              value={used}
              onChange={(e) => setUsed(e.target.value)}
              placeholder="e.g. 42"
            />
          </label>
          {linked && linkedSteps.length > 1 ? (
            <label className="field">
              Step
              <select
                value={linked.op.id}
                onChange={(e) => setPickedOpId(e.target.value)}
                data-testid="use-step"
              >
                {linkedSteps.map((s) => (
                  <option key={s.op.id} value={s.op.id}>
                    {s.wo.code} {s.op.code} {s.op.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <p className="muted" data-testid="use-for">
            {running
              ? `For ${running.wo.code} ${running.op.code} ${running.op.name}`
              : 'No step running on its printer: recorded without a work order.'}
          </p>
          <button className="btn btn-primary" type="submit">
            Record use
          </button>
        </Box>
        {spool.loadedPrinterId === '' ? (
          <Box
            title="Load on a printer"
            testId="load-form"
            onSubmit={
              printer && slot
                ? (e) =>
                    run(
                      e,
                      () => commands.loadSpool(spool, printer, slot),
                      () => setPrinterId(''),
                    )
                : fail('Pick the printer and the slot.')
            }
          >
            <label className="field">
              Printer
              <select
                value={printerId}
                onChange={(e) => {
                  setPrinterId(e.target.value);
                  const p = printers.find((x) => x.id === e.target.value);
                  setSlot(p ? (slotsOf(p)[0] ?? '') : '');
                }}
              >
                <option value="">— pick —</option>
                {sortedPrinters.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.code} · {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              Slot / tool
              <select value={slot} onChange={(e) => setSlot(e.target.value)} disabled={!printer}>
                {slots.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <button className="btn btn-go" type="submit">
              Load
            </button>
          </Box>
        ) : (
          <Box
            title="Unload"
            testId="unload-form"
            onSubmit={(e) =>
              run(
                e,
                () => commands.unloadSpool(spool, location.trim() || spool.location),
                () => setLocation(''),
              )
            }
          >
            <label className="field">
              Put it at (shelf, dry box)
              <input
                value={location}
                onChange={(e) => setLocation(e.target.value)}
                placeholder={spool.location || 'e.g. Dry box 2'}
              />
            </label>
            <p className="muted">
              {spool.location ? `Empty: back to ${spool.location}.` : 'Say where it goes.'}
            </p>
            <button className="btn btn-primary" type="submit">
              Unload
            </button>
          </Box>
        )}
        {spool.loadedPrinterId === '' ? (
          <Box
            title="Move"
            testId="move-form"
            onSubmit={
              location.trim()
                ? (e) =>
                    run(
                      e,
                      () => commands.moveSpool(spool, location),
                      () => setLocation(''),
                    )
                : fail('Where does it go?')
            }
          >
            <label className="field">
              New location
              <input
                value={location}
                onChange={(e) => setLocation(e.target.value)}
                placeholder={spool.location || 'e.g. Shelf B3'}
              />
            </label>
            <button className="btn btn-primary" type="submit">
              Move
            </button>
          </Box>
        ) : null}
        {spool.status !== 'empty' ? (
          <Box
            title="Used up?"
            testId="empty-form"
            onSubmit={
              confirmEmpty
                ? (e) =>
                    run(
                      e,
                      () => commands.markEmpty(spool),
                      () => setConfirmEmpty(false),
                    )
                : (e) => {
                    e.preventDefault();
                    setConfirmEmpty(true);
                  }
            }
          >
            <p className="muted">
              Sets what is left to 0 g (now {formatGrams(ledger.remainingG)}) and takes it off its printer.
            </p>
            <button className={`btn ${confirmEmpty ? 'btn-danger' : ''}`} type="submit">
              {confirmEmpty ? 'Yes, mark it empty' : 'Mark empty'}
            </button>
            {confirmEmpty ? (
              <button className="btn" type="button" onClick={() => setConfirmEmpty(false)}>
                Cancel
              </button>
            ) : null}
          </Box>
        ) : null}
      </div>
    </div>
  );
}
