import { browser } from 'wxt/browser';
import { emit } from '../messaging/emit';

/**
 * The docked panel: an extension-origin iframe in a closed shadow root beside the page. The page keeps
 * working: we narrow it with a margin instead of covering it. Page scripts cannot read the iframe
 * (cross-origin) nor reach into the closed shadow root.
 */
export interface Dock {
  isOpen(): boolean;
  /** Where it is and how wide, for the panel's dock controls. */
  state(): { open: boolean; side: 'left' | 'right'; width: number };
  setOpen(open: boolean): void;
  setSide(side: 'left' | 'right'): void;
  setWidth(px: number): void;
  destroy(): void;
}

const MIN_WIDTH = 300;
const MAX_WIDTH = 720;

export function createDock(doc: Document, tabHint: string): Dock {
  const host = doc.createElement('deskmate-dock');
  const shadow = host.attachShadow({ mode: 'closed' });
  let side: 'left' | 'right' = 'right';
  let width = 380;
  let open = true;
  const style = doc.createElement('style');
  style.textContent = `
    :host{all:initial}
    .frame{position:fixed;top:0;height:100vh;z-index:2147483646;border:0;background:#fff;box-shadow:0 0 0 1px #0002,0 4px 24px #0003;color-scheme:normal}
    .grip{position:fixed;top:0;bottom:0;width:6px;cursor:ew-resize;z-index:2147483647}
    .tab{position:fixed;top:40%;z-index:2147483647;font:600 12px system-ui;padding:8px 4px;writing-mode:vertical-rl;border:0;background:#23395d;color:#fff;cursor:pointer}
    .tab:focus-visible{outline:3px solid #ffbf47}
    [hidden]{display:none!important}`;
  const frame = doc.createElement('iframe');
  frame.className = 'frame';
  frame.title = 'Deskmate panel';
  const grip = doc.createElement('div');
  grip.className = 'grip';
  const tab = doc.createElement('button');
  tab.className = 'tab';
  tab.type = 'button';
  tab.textContent = 'Deskmate';
  tab.setAttribute('aria-label', 'Show the Deskmate panel');
  tab.addEventListener('click', () => dock.setOpen(true));
  shadow.append(style, grip, tab);
  // Inserting the iframe creates a frame and starts a navigation to another process, the costliest
  // step of docking: it waits for the next task, so it does not lengthen the page's DOMContentLoaded
  // task (the panel could not paint before the page's own first layout anyway). Until then the space
  // is reserved and the toggle works.
  const insertFrame = setTimeout(() => {
    const started = performance.now();
    frame.src = browser.runtime.getURL(
      `/sidepanel.html?dock=1&t=${encodeURIComponent(tabHint)}` as '/sidepanel.html',
    );
    shadow.insertBefore(frame, grip);
    // For the page-impact benchmark (test/bench/page-impact.ts), like the marks in run.ts.
    performance.measure('deskmate:frame', { start: started, detail: { site: tabHint } });
  });

  const root = doc.documentElement;
  const originalMargin = { left: root.style.marginLeft, right: root.style.marginRight };
  function layout() {
    frame.hidden = grip.hidden = !open;
    tab.hidden = open;
    frame.style.width = `${width}px`;
    frame.style.left = side === 'left' ? '0' : '';
    frame.style.right = side === 'right' ? '0' : '';
    grip.style.left = side === 'left' ? `${width - 3}px` : '';
    grip.style.right = side === 'right' ? `${width - 3}px` : '';
    tab.style.left = side === 'left' ? '0' : '';
    tab.style.right = side === 'right' ? '0' : '';
    root.style.marginLeft = open && side === 'left' ? `${width}px` : originalMargin.left;
    root.style.marginRight = open && side === 'right' ? `${width}px` : originalMargin.right;
  }

  grip.addEventListener('pointerdown', (down) => {
    grip.setPointerCapture(down.pointerId);
    // The panel is another process's frame: Chromium sends a pointer over it to that frame despite the
    // capture, so shrinking the panel (moving onto it) would stop. The frame ignores the pointer mid-drag.
    frame.style.pointerEvents = 'none';
    const move = (e: PointerEvent) => {
      const w = side === 'right' ? doc.documentElement.clientWidth - e.clientX : e.clientX;
      dock.setWidth(w);
    };
    grip.addEventListener('pointermove', move);
    // Storage is the panel's (content scripts hold no settings): it remembers the width as the buttons' one.
    // Capture ends on pointerup and on a cancelled drag alike: either way the frame gets the pointer back.
    grip.addEventListener(
      'lostpointercapture',
      () => {
        grip.removeEventListener('pointermove', move);
        frame.style.pointerEvents = '';
        emit('dock.resized', { width, side });
      },
      { once: true },
    );
  });

  const dock: Dock = {
    isOpen: () => open,
    state: () => ({ open, side, width }),
    setOpen(next) {
      open = next;
      layout();
    },
    setSide(next) {
      side = next;
      layout();
    },
    setWidth(px) {
      width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.round(px)));
      layout();
    },
    destroy() {
      clearTimeout(insertFrame);
      host.remove();
      root.style.marginLeft = originalMargin.left;
      root.style.marginRight = originalMargin.right;
    },
  };
  layout();
  (doc.body ?? doc.documentElement).append(host);
  return dock;
}
