import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Mounted {
  /** The element components render into, fresh for each test. */
  readonly host: HTMLDivElement;
  readonly root: Root;
}

/** A fresh host element and React root for every test of the calling file, unmounted after each. */
export function mountEach(): Mounted {
  let host: HTMLDivElement | undefined;
  let root: Root | undefined;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root?.unmount());
    host?.remove();
  });
  return {
    get host() {
      return host!;
    },
    get root() {
      return root!;
    },
  };
}
