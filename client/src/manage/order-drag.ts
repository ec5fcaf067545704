/**
 * Reprioritising by drag on the work-order board. Priority is a coarse scale (1 = highest … 5), and
 * a column is sorted by priority then due date, so a drop cannot put a card at an exact index: it
 * takes the priority of the neighbour in the direction it moved (dragged up → the card it now sits
 * above; down → the card it now sits below). Dropped first with that neighbour at its own priority,
 * it goes one higher (1 at most); dropped last likewise one lower. The card shows the priority it
 * will get while it is dragged, so the snap is never a surprise.
 */
export function dropPriority(
  /** Priorities of the column's cards in board order, the dragged card included. */
  priorities: readonly number[],
  from: number,
  /** Index the card would take among the cards without it (0 … length − 1). */
  to: number,
): number {
  const current = priorities[from]!;
  const others = priorities.filter((_, i) => i !== from);
  if (to === from || others.length === 0) return current;
  if (to < from) {
    const below = others[to]!;
    if (to === 0 && below <= current) return Math.max(1, below === current ? current - 1 : below);
    return Math.min(current, below);
  }
  const above = others[to - 1]!;
  if (to === others.length && above >= current) return Math.min(5, above === current ? current + 1 : above);
  return Math.max(current, above);
}

/** Where a card lands: how many of the other cards' middles lie above the dragged card's middle. */
export function dropIndex(otherMiddles: readonly number[], draggedMiddle: number): number {
  return otherMiddles.filter((m) => m < draggedMiddle).length;
}
