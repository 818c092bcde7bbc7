/**
 * The main-world half of the editor bridge (runs in the page, see entrypoints/main-world.ts). It only
 * inserts the given plain text into the given editor; it reads nothing back but ok/reason.
 */

type Result = { ok: true } | { ok: false; reason: string };

interface CkEditor4 {
  insertText(text: string): void;
  focus(): void;
  fire(name: string): void;
}
interface CkEditor5 {
  model: {
    change(fn: (writer: { createText(t: string): unknown }) => void): void;
    insertContent(content: unknown): void;
  };
  editing: { view: { focus(): void } };
}

function paste(target: HTMLElement, text: string): Result {
  target.focus();
  const data = new DataTransfer();
  data.setData('text/plain', text);
  const accepted = !target.dispatchEvent(
    new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
  );
  // An editor that handles paste cancels the event; otherwise fall back to the browser's own insert.
  if (accepted) return { ok: true };
  return document.execCommand('insertText', false, text)
    ? { ok: true }
    : { ok: false, reason: 'The editor ignored the pasted text.' };
}

/** Validate the request (the page could post anything) and perform it. */
export function handleBridgeRequest(win: Window, data: Record<string, unknown>): Result {
  const text = data.text;
  if (typeof text !== 'string') return { ok: false, reason: 'No text to insert.' };
  try {
    if (data.op === 'ckeditor4' && typeof data.instance === 'string') {
      const ck = (win as unknown as { CKEDITOR?: { instances?: Record<string, CkEditor4> } }).CKEDITOR;
      const editor = ck?.instances?.[data.instance];
      if (!editor) return { ok: false, reason: 'The CKEditor 4 instance is not on this page.' };
      editor.focus();
      editor.insertText(text);
      editor.fire('change');
      return { ok: true };
    }
    if (typeof data.selector !== 'string') return { ok: false, reason: 'No editor was named.' };
    const target = win.document.querySelector<HTMLElement>(data.selector);
    if (!target) return { ok: false, reason: 'The editor is not on the page.' };
    if (data.op === 'ckeditor5') {
      const editor = (target as unknown as { ckeditorInstance?: CkEditor5 }).ckeditorInstance;
      if (!editor) return paste(target, text);
      editor.editing.view.focus();
      editor.model.change((writer) => editor.model.insertContent(writer.createText(text)));
      return { ok: true };
    }
    if (data.op === 'paste') return paste(target, text);
    return { ok: false, reason: 'Unknown bridge operation.' };
  } catch (error) {
    return {
      ok: false,
      reason: `The editor failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
