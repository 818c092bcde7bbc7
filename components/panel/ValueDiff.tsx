import { wordDiff } from '@/lib/panel/diff';

/** The previous value against the current one, word by word (removed struck through, added underlined). */
export function ValueDiff({ before, after }: { before: string; after: string }) {
  const parts = wordDiff(before, after);
  return (
    <p className="diff" data-testid="value-diff">
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered
          <span key={i}>{p.text}</span>
        ) : p.kind === 'added' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered
          <ins key={i}>{p.text}</ins>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered
          <del key={i}>{p.text}</del>
        ),
      )}
    </p>
  );
}
