import type { CDPSession, Page } from 'playwright-core';

/**
 * Types like a USB/Bluetooth keyboard-wedge scanner: each key carries the time the "hardware" sent
 * it, `gapMs` apart, then Enter. The browser takes `event.timeStamp` from that time, as it takes
 * it from the OS for a real scanner, so the page sees a scanner's rhythm however late the test
 * driver delivers the events. (`page.keyboard.type(code, { delay: 5 })` stamps keys on arrival:
 * on a busy 2-core machine we measured gaps of up to ~200 ms, which no scanner produces.)
 */
export async function scanWithWedge(page: Page, code: string, { gapMs = 5 } = {}): Promise<void> {
  const cdp = await session(page);
  let t = Date.now() / 1000;
  for (const ch of code) {
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyDown',
      key: ch,
      text: ch,
      unmodifiedText: ch,
      timestamp: t,
    });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, timestamp: t + 0.001 });
    t += gapMs / 1000;
  }
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 };
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'keyDown',
    ...enter,
    text: '\r',
    unmodifiedText: '\r',
    timestamp: t,
  });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter, timestamp: t + 0.001 });
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function session(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}
