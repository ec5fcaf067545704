import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { dropIndex, dropPriority } from './order-drag.ts';

interface DragState {
  pointerId: number;
  startY: number;
  card: HTMLElement;
  priorities: number[];
  from: number;
  otherMiddles: number[];
  cardMiddle: number;
  /** What scrolls the board (the manager view's own scroller), and its scroll at the start. */
  scroller: HTMLElement;
  scroll0: number;
}

/** Near the scroller's top or bottom edge a drag scrolls the board, so a long column can be crossed. */
const EDGE = 56;
const STEP = 28;

const CARD = '[data-testid="wo-card"]';

/**
 * The grip of a work-order card: drag it (mouse, pen or finger — pointer events with capture, and
 * `touch-action: none` so a finger drags instead of scrolling) up or down its column to change the
 * order's priority; or focus it and press ↑ / ↓. Cards carry their priority in `data-priority`.
 */
export function OrderDragHandle({
  code,
  priority,
  onPriority,
}: {
  code: string;
  priority: number;
  onPriority: (p: number) => void;
}) {
  const drag = useRef<DragState | null>(null);
  const [target, setTarget] = useState<number | null>(null);

  const down = (e: PointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0) return;
    const card = e.currentTarget.closest<HTMLElement>(CARD);
    const column = card?.parentElement;
    if (!card || !column) return;
    const cards = [...column.querySelectorAll<HTMLElement>(CARD)];
    const rect = card.getBoundingClientRect();
    drag.current = {
      pointerId: e.pointerId,
      startY: e.clientY,
      card,
      priorities: cards.map((c) => Number(c.dataset.priority)),
      from: cards.indexOf(card),
      otherMiddles: cards
        .filter((c) => c !== card)
        .map((c) => {
          const r = c.getBoundingClientRect();
          return r.top + r.height / 2;
        }),
      cardMiddle: rect.top + rect.height / 2,
      scroller: card.closest<HTMLElement>('.manage') ?? (document.scrollingElement as HTMLElement),
      scroll0: 0,
    };
    drag.current.scroll0 = drag.current.scroller.scrollTop;
    e.currentTarget.setPointerCapture(e.pointerId);
    card.classList.add('wo-dragging');
    setTarget(priority);
    e.preventDefault();
  };

  // Positions are taken at the start, in viewport terms; scrolling since then shifts them all alike.
  const shift = (d: DragState, y: number) => y - d.startY + d.scroller.scrollTop - d.scroll0;
  const landing = (d: DragState, y: number) =>
    dropPriority(
      d.priorities,
      d.from,
      dropIndex(
        d.otherMiddles.map((m) => m - (d.scroller.scrollTop - d.scroll0)),
        d.cardMiddle + y - d.startY,
      ),
    );

  const move = (e: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const box = d.scroller.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    if (e.clientY < top + EDGE) d.scroller.scrollBy(0, -STEP);
    else if (e.clientY > bottom - EDGE) d.scroller.scrollBy(0, STEP);
    d.card.style.transform = `translateY(${shift(d, e.clientY)}px)`;
    setTarget(landing(d, e.clientY));
  };

  const end = (e: PointerEvent<HTMLButtonElement>, commit: boolean) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drag.current = null;
    d.card.style.transform = '';
    d.card.classList.remove('wo-dragging');
    setTarget(null);
    const p = landing(d, e.clientY);
    if (commit && p !== priority) onPriority(p);
  };

  const key = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowUp' && priority > 1) onPriority(priority - 1);
    else if (e.key === 'ArrowDown' && priority < 5) onPriority(priority + 1);
    else return;
    e.preventDefault();
  };

  return (
    <button
      type="button"
      className="wo-grip"
      data-testid="wo-grip"
      aria-label={`Reprioritise ${code}: drag up or down, or press the arrow keys (now P${priority})`}
      title="Drag to reprioritise (or focus and press ↑ / ↓)"
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={(e) => end(e, true)}
      onPointerCancel={(e) => end(e, false)}
      onKeyDown={key}
    >
      ⠿
      {target !== null ? (
        <span className="wo-drop-target" data-testid="drag-target" aria-live="polite">
          → P{target}
        </span>
      ) : null}
    </button>
  );
}
