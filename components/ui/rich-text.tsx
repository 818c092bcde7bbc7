import { Fragment, type ReactNode } from 'react';
import { type MessageKey, t } from '@/lib/i18n/t';

/** Marks where a node goes: a private-use character never occurs in a translation. */
const mark = (i: number) => `\uE000${i}\uE000`;

/**
 * A message whose placeholders are elements (a <code> name inside a sentence): the browser's i18n
 * substitutes strings only, so each node goes in as a marker and the text is split around them. The
 * translation decides where the nodes sit, as with any placeholder.
 */
export function richText(key: MessageKey, nodes: readonly ReactNode[]): ReactNode {
  const parts = t(
    key,
    nodes.map((_, i) => mark(i)),
  ).split(/\uE000(\d)\uE000/);
  return parts.map((part, i) =>
    i % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered
      <Fragment key={i}>{nodes[Number(part)]}</Fragment>
    ) : (
      part
    ),
  );
}
