import { WedgeDetector, type WedgeOptions } from './wedge.ts';

/**
 * Binds a `WedgeDetector` to a window: one capture-phase keydown listener, so the app sees a scan
 * before any field or shortcut handler does, wherever the focus is. Returns the uninstaller.
 *
 * A field (or any ancestor) marked `data-wedge="type"` opts out: scans are typed into it as keys,
 * e.g. a "lot number" box that wants the scanner's text.
 */
export function installWedge(
  win: Window,
  onScan: (code: string) => void,
  options: Partial<WedgeOptions> = {},
): () => void {
  const detector = new WedgeDetector(options);
  let snapshot: FieldSnapshot | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const settle = () => {
    timer = undefined;
    typeInto(win.document.activeElement, detector.tick(win.performance.now()));
    if (!detector.pending) snapshot = null;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing || optedOut(e.target)) return;
    const step = detector.key({
      key: e.key,
      time: e.timeStamp,
      modifier: e.ctrlKey || e.altKey || e.metaKey,
      repeat: e.repeat,
    });
    typeInto(win.document.activeElement, step.release);
    switch (step.action) {
      case 'pass':
        if (step.fresh) snapshot = snapshotField(win.document.activeElement);
        break;
      case 'swallow':
        e.preventDefault();
        e.stopImmediatePropagation();
        break;
      case 'scan':
        e.preventDefault();
        e.stopImmediatePropagation();
        if (step.passedThrough > 0 && snapshot) restoreField(snapshot);
        snapshot = null;
        onScan(step.code);
        break;
    }
    if (timer !== undefined) clearTimeout(timer);
    if (detector.pending) timer = setTimeout(settle, detector.settleMs);
  };

  win.addEventListener('keydown', onKeyDown, { capture: true });
  return () => {
    win.removeEventListener('keydown', onKeyDown, { capture: true });
    if (timer !== undefined) clearTimeout(timer);
  };
}

interface FieldSnapshot {
  el: HTMLInputElement | HTMLTextAreaElement;
  value: string;
  start: number | null;
  end: number | null;
}

function textField(el: Element | null): HTMLInputElement | HTMLTextAreaElement | null {
  if (el instanceof HTMLTextAreaElement) return el;
  // Only inputs that hold typed text; checkboxes and buttons ignore keys anyway.
  if (el instanceof HTMLInputElement && /^(text|search|url|tel|email|password|number)$/.test(el.type))
    return el;
  return null;
}

function optedOut(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[data-wedge="type"]') !== null;
}

function snapshotField(el: Element | null): FieldSnapshot | null {
  const field = textField(el);
  if (!field) return null;
  return { el: field, value: field.value, ...selection(field) };
}

/** `selectionStart` throws or is null on some input types (number, email). */
function selection(field: HTMLInputElement | HTMLTextAreaElement): {
  start: number | null;
  end: number | null;
} {
  try {
    return { start: field.selectionStart, end: field.selectionEnd };
  } catch {
    return { start: null, end: null };
  }
}

/**
 * Sets a field's value so that React (and any framework) notices: through the prototype's value
 * setter, which bypasses React's own tracker on the element, then an `input` event.
 */
function setFieldValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto =
    el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

function restoreField(s: FieldSnapshot): void {
  if (s.el.value === s.value) return;
  setFieldValue(s.el, s.value);
  try {
    if (s.start !== null && s.end !== null) s.el.setSelectionRange(s.start, s.end);
  } catch {
    // Input types without a selection (number, email): the value is what matters.
  }
}

/** Types held-back text into the focused field at its caret (nothing when no text field has the focus). */
function typeInto(el: Element | null, text: string): void {
  const field = textField(el);
  if (text === '' || !field) return;
  const { start, end } = selection(field);
  if (start === null || end === null) {
    setFieldValue(field, field.value + text);
    return;
  }
  const next = field.value.slice(0, start) + text + field.value.slice(end);
  setFieldValue(field, next);
  try {
    field.setSelectionRange(start + text.length, start + text.length);
  } catch {
    // See restoreField.
  }
}
