/**
 * Prints a rendered label document through the browser's print dialog, from a hidden iframe so the
 * labels' `@page` size and styles never touch the app's own page. Resolves once the dialog closed
 * (or could not be shown).
 */
export function printLabelsHtml(html: string, doc: Document = document): Promise<void> {
  return new Promise((resolve) => {
    const frame = doc.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    // Off-screen but laid out at full size: some browsers print a zero-sized frame blank.
    frame.style.cssText = 'position:fixed;left:-10000px;top:0;width:210mm;height:297mm;border:0;';
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      frame.remove();
      resolve();
    };
    frame.addEventListener('load', () => {
      const win = frame.contentWindow;
      if (!win) return finish();
      win.addEventListener('afterprint', () => setTimeout(finish, 0));
      win.focus();
      win.print(); // blocks until the dialog closes in Chromium; returns at once in Safari
      // Safari and some Android browsers do not fire afterprint for iframes; do not keep the frame forever.
      setTimeout(finish, 60_000);
    });
    frame.srcdoc = html;
    doc.body.append(frame);
  });
}
