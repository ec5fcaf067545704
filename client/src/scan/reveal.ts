/**
 * After opening `/work-orders/<id>#op-<opId>` (a step's label), scroll the step into view once its
 * card is on screen and mark it for a few seconds, so the operator sees which step the label named.
 * The screens load lazily and their data arrives later, so this waits for the element (up to 10 s).
 */
export function revealHashTarget(hash = location.hash, timeoutMs = 10_000): void {
  const id = decodeURIComponent(hash.replace(/^#/, ''));
  if (!id || typeof document === 'undefined') return;
  const show = (el: Element) => {
    el.scrollIntoView({ block: 'start' });
    el.setAttribute('data-revealed', 'true');
    el.classList.add('pf-reveal');
    setTimeout(() => el.classList.remove('pf-reveal'), 4000);
  };
  const now = document.getElementById(id);
  if (now) return show(now);
  const observer = new MutationObserver(() => {
    const el = document.getElementById(id);
    if (!el) return;
    observer.disconnect();
    clearTimeout(timer);
    show(el);
  });
  const timer = setTimeout(() => observer.disconnect(), timeoutMs);
  observer.observe(document.body, { childList: true, subtree: true });
}
