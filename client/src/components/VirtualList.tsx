import { useEffect, useRef, useState, type ReactNode } from 'react';

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
 * Renders only the rows in view (plus a few), so a list of 5,000 work orders scrolls as lightly as
 * one of 50. Rows are absolutely positioned inside a spacer as tall as the whole list.
 */
export function VirtualList<T>({ items, rowHeight, getKey, renderRow, empty, label }: Props<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(800);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  if (items.length === 0) return <div className="vlist empty">{empty ?? 'Nothing here yet.'}</div>;

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i]!;
    rows.push(<div key={getKey(item)}>{renderRow(item, { top: i * rowHeight, height: rowHeight })}</div>);
  }
  return (
    <div
      ref={ref}
      className="vlist"
      role="list"
      aria-label={label}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
