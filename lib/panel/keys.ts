/**
 * The panel's keyboard flow (issue #18): move between fields, accept, accept all, apply all, without the
 * mouse. Alt combinations leave typing alone (a plain Enter still makes a new line in a reply); Ctrl+Enter
 * is the usual "send" of a form. The component listens; the mapping lives here so it is tested once.
 */
export type KeyCommand = 'next' | 'previous' | 'accept' | 'accept-all' | 'apply-all';

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** The command a key press means, or undefined for every other key (left to the control). */
export function keyCommand(e: KeyPress): KeyCommand | undefined {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey) return 'apply-all';
  if (!e.altKey || e.ctrlKey || e.metaKey) return undefined;
  if (e.key === 'ArrowDown' && !e.shiftKey) return 'next';
  if (e.key === 'ArrowUp' && !e.shiftKey) return 'previous';
  if (e.key === 'Enter') return e.shiftKey ? 'accept-all' : 'accept';
  return undefined;
}

/** The shortcuts as the panel lists them, in the order of the flow. */
export const SHORTCUTS: readonly { command: KeyCommand; keys: readonly string[] }[] = [
  { command: 'next', keys: ['Alt', '↓'] },
  { command: 'previous', keys: ['Alt', '↑'] },
  { command: 'accept', keys: ['Alt', 'Enter'] },
  { command: 'accept-all', keys: ['Alt', 'Shift', 'Enter'] },
  { command: 'apply-all', keys: ['Ctrl', 'Enter'] },
];

/** The field after (or before) the current one, wrapping around; the first one when none has focus. */
export function stepField(
  ids: readonly string[],
  current: string | undefined,
  by: 1 | -1,
): string | undefined {
  if (ids.length === 0) return undefined;
  const at = current === undefined ? -1 : ids.indexOf(current);
  if (at === -1) return by === 1 ? ids[0] : ids[ids.length - 1];
  return ids[(at + by + ids.length) % ids.length];
}
