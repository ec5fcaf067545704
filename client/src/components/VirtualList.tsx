import { useCallback, useRef, useState, type ReactNode } from 'react';

interface Props<T> {
  items: readonly T[];
  /** Fixed row height in px: keeps windowing trivial and rows big enough for gloves. */
  rowHeight: number;
  getKey: (item: T) => string;
  renderRow: (item: T, style: { top: number; height: number }) => ReactNode;
  empty?: ReactNode;
  label: string;
}

const OVERSCAN = 6;

/**
 * The rows to render, `[first, last)`, for a list of `count` rows scrolled to `scrollTop` in a
 * viewport `height` px tall. The scroll position is clamped to the list's current length: after a
 * filter or search shrinks a list the operator had scrolled far down, the last scroll event still
 * says "row 4,900", and without the clamp the window would hold no rows at all until the browser
 * happened to report its own clamped position.
 */
export function visibleRange(
  count: number,
  rowHeight: number,
  scrollTop: number,
  height: number,
  overscan = OVERSCAN,
): [number, number] {
  if (count <= 0) return [0, 0];
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, count * rowHeight - height));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + height) / rowHeight) + overscan);
  return [first, Math.max(first, last)];
}

/**
 * Renders only the rows in view (plus a few), so a list of 5,000 work orders scrolls as lightly as
 * one of 50. Rows are absolutely positioned inside a spacer as tall as the whole list. The scroll
 * container stays the same element when the list empties and fills again, so its size is watched
 * throughout and its scroll position is never read from a container that is gone.
 */
export function VirtualList<T>({ items, rowHeight, getKey, renderRow, empty, label }: Props<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(800);
  const observer = useRef<ResizeObserver | null>(null);

  const attach = useCallback((el: HTMLDivElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    observer.current = ro;
    setHeight(el.clientHeight);
    setScrollTop(el.scrollTop);
  }, []);

  const [first, last] = visibleRange(items.length, rowHeight, scrollTop, height);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i]!;
    rows.push(<div key={getKey(item)}>{renderRow(item, { top: i * rowHeight, height: rowHeight })}</div>);
  }
  return (
    <div
      ref={attach}
      className={items.length === 0 ? 'vlist empty' : 'vlist'}
      role="list"
      aria-label={label}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      {items.length === 0 ? (
        (empty ?? 'Nothing here yet.')
      ) : (
        <div style={{ height: items.length * rowHeight, position: 'relative' }}>{rows}</div>
      )}
    </div>
  );
}
