import { useEffect } from 'react';
import { keyCommand, stepField } from '@/lib/panel/keys';

interface Handlers {
  accept(fieldId: string): void;
  acceptAll(): void;
  applyAll(): void;
}

/** The row a focused control belongs to (rows carry data-field-row, see FieldRow). */
function rowOf(el: Element | null): string | undefined {
  return el?.closest<HTMLElement>('[data-field-row]')?.dataset.fieldRow;
}

function focusRow(id: string | undefined): void {
  if (id === undefined) return;
  const row = document.querySelector<HTMLElement>(`[data-field-row="${CSS.escape(id)}"]`);
  const control = row?.querySelector<HTMLElement>('input, select, textarea, button');
  control?.focus();
  row?.scrollIntoView({ block: 'nearest' });
}

/**
 * The keyboard flow over the field rows (lib/panel/keys.ts): listened to in the capture phase so that
 * Alt+↓ on a select moves to the next field instead of opening the list.
 */
export function useFieldKeys(fieldIds: readonly string[], handlers: Handlers): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = keyCommand(e);
      if (!command) return;
      e.preventDefault();
      e.stopPropagation();
      const current = rowOf(document.activeElement);
      if (command === 'next' || command === 'previous')
        focusRow(stepField(fieldIds, current, command === 'next' ? 1 : -1));
      else if (command === 'accept' && current !== undefined) {
        handlers.accept(current);
        focusRow(stepField(fieldIds, current, 1));
      } else if (command === 'accept-all') handlers.acceptAll();
      else if (command === 'apply-all') handlers.applyAll();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [fieldIds, handlers]);
}
