import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatMessage, type LocaleMessage, plural, t } from '@/lib/i18n/t';

/**
 * The UI in the user's language (issue #18): every locale has every English key with the same
 * placeholders, nothing is blank, and no English text is written into a component instead of going
 * through t(). The scan is a heuristic (see hardCodedText below); docs/i18n.md says what it allows.
 */
const LOCALES_DIR = 'public/_locales';
const LOCALES = readdirSync(LOCALES_DIR).sort();

function messages(locale: string): Record<string, LocaleMessage> {
  return JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8'));
}

const en = messages('en');

/** Placeholder names a message uses ($name$), lower-cased as the browser matches them. */
function used(message: string): string[] {
  return [...message.matchAll(/\$([A-Za-z_@][A-Za-z0-9_@]*)\$/g)]
    .map((m) => (m[1] as string).toLowerCase())
    .sort();
}

function defined(entry: LocaleMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
}

describe('locale files', () => {
  it('has English, German and Spanish', () => {
    expect(LOCALES).toEqual(expect.arrayContaining(['de', 'en', 'es']));
  });

  it('names messages as the browser allows, with no two names equal but for case', () => {
    const names = Object.keys(en);
    expect(names.filter((n) => !/^[A-Za-z0-9_]+$/.test(n))).toEqual([]);
    const lower = names.map((n) => n.toLowerCase());
    expect(lower.filter((n, i) => lower.indexOf(n) !== i)).toEqual([]);
  });

  it.each(LOCALES)('%s has exactly the English keys, none empty, placeholders as in English', (locale) => {
    const other = messages(locale);
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(other)) {
      const english = en[key] as LocaleMessage;
      if (!entry.message.trim()) problems.push(`${key}: empty`);
      if (JSON.stringify(defined(entry)) !== JSON.stringify(defined(english)))
        problems.push(`${key}: placeholders differ from English`);
      const names = Object.keys(defined(entry)).sort();
      if (JSON.stringify([...new Set(used(entry.message))]) !== JSON.stringify(names))
        problems.push(
          `${key}: uses ${used(entry.message).join(',') || 'none'}, defines ${names.join(',') || 'none'}`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('uses every English key somewhere (no dead strings to translate)', () => {
    const source = [
      ...sourceFiles('components'),
      ...sourceFiles('entrypoints'),
      ...sourceFiles('lib'),
      'wxt.config.ts',
    ]
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unused = Object.keys(en).filter(
      (key) => !source.includes(`'${key}'`) && !source.includes(`__MSG_${key}__`),
    );
    expect(unused).toEqual([]);
  });
});

describe('t()', () => {
  it('answers in the browser language and substitutes named placeholders', () => {
    const de = messages('de');
    fakeBrowser.i18n.getMessage = (name: string, subs?: unknown) => {
      const entry = de[name];
      return entry ? formatMessage(entry, subs as string[]) : '';
    };
    expect(t('panel_applyAll')).toBe(de.panel_applyAll?.message);
    expect(t('panel_ticketFallbackSubject', 'T-1')).toContain('T-1');
  });

  it('falls back to English when the browser has no text for a key', () => {
    fakeBrowser.i18n.getMessage = () => '';
    expect(t('panel_applyAll')).toBe('Apply all');
    fakeBrowser.i18n.getMessage = () => {
      throw new Error('not implemented');
    };
    expect(t('panel_ticketFallbackSubject', 'T-9')).toBe('Ticket T-9');
  });

  it('formats like the browser: positional content, $$ and values holding a $ left alone', () => {
    const entry: LocaleMessage = {
      message: 'Pay $AMOUNT$ to $Who$ ($$)',
      placeholders: { amount: { content: '$1' }, who: { content: '$2' } },
    };
    expect(formatMessage(entry, ['$2', 'Ana'])).toBe('Pay $2 to Ana ($)');
  });

  it('picks the singular or plural key by count', () => {
    expect(plural(1, 'panel_messageCount_one', 'panel_messageCount_other')).toBe('1 message');
    expect(plural(3, 'panel_messageCount_one', 'panel_messageCount_other')).toBe('3 messages');
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/**
 * Attributes that never reach a reader: styling, handlers, test ids, references between elements. Every
 * other attribute (title, aria-label, placeholder, label, a component's okText...) is checked.
 */
const VISIBLE_ARIA = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
]);
function technicalAttribute(name: string): boolean {
  if (name.startsWith('aria-')) return !VISIBLE_ARIA.has(name);
  return name === 'className' || name === 'style' || name.startsWith('data-') || /^on[A-Z]/.test(name);
}

/** Names that stay as they are in every language. */
const PROPER_NOUNS = new Set(['Deskmate', 'JSON', 'CSV', 'OpenAI', 'API', 'URL']);

/**
 * Looks like words for a reader: two words, or one capitalised word that is not a proper noun. A token
 * with no space (Alt+Shift+D, json_schema, a URL) is technical.
 */
function looksLikeText(text: string): boolean {
  const words = text.match(/[A-Za-zÀ-ÿ]{2,}/g) ?? [];
  if (words.length === 0 || words.every((w) => PROPER_NOUNS.has(w))) return false;
  return /[A-Za-z]{2,}[^\S\n]+[A-Za-z]{2,}/.test(text) || /^[A-Z][a-zà-ÿ]+[.!?…:]*$/.test(text.trim());
}

/** True when a string in this position never reaches a reader. */
function technicalPosition(node: ts.Node): boolean {
  let child = node;
  for (let at: ts.Node | undefined = node.parent; at; child = at, at = at.parent) {
    if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at) || ts.isTypeNode(at)) return true;
    if (ts.isJsxAttribute(at)) return technicalAttribute(at.name.getText());
    // Keys into the messages, DOM and map look-ups, what the console says.
    if (ts.isCallExpression(at) && TECHNICAL_CALLS.test(at.expression.getText())) return true;
    if (ts.isBinaryExpression(at) && /^[!=]==?$/.test(at.operatorToken.getText())) return true;
    if (ts.isCaseClause(at) && at.expression === child) return true;
    if (ts.isElementAccessExpression(at) && at.argumentExpression === child) return true;
    if ((ts.isPropertyAssignment(at) || ts.isPropertySignature(at)) && at.name === child) return true;
    if (ts.isBlock(at) || ts.isSourceFile(at)) return false;
  }
  return false;
}

const TECHNICAL_CALLS =
  /^(t|plural|englishMessage)$|^console\.|(^|\.)(get|set|has|delete|addEventListener|removeEventListener|querySelector|querySelectorAll|closest|matches|getElementById|getItem|setItem|useId)$/;

/** English text written into a component: JSX text, or a string a user reads, not through t(). */
function hardCodedText(file: string, source = readFileSync(file, 'utf8')): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const lines = source.split('\n');
  const report = (node: ts.Node, text: string) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
    // Text that is not UI (an instruction to the model, a name matched on desk pages) says so, and why.
    if (/i18n-ignore: \S/.test(`${lines[line - 1] ?? ''} ${lines[line] ?? ''}`)) return;
    found.push(`${file}:${line + 1}: ${text.trim().slice(0, 60)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.text.trim();
      // A setting's or policy's name in <code> (runtime_allowed_hosts, ExtensionSettings) is not prose.
      const identifier = /^[a-z]+(_[a-z]+)+$|^([A-Z][a-z]+){2,}$/.test(text);
      if (/[A-Za-z]{2,}/.test(text) && !identifier && !PROPER_NOUNS.has(text)) report(node, text);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (looksLikeText(node.text) && !technicalPosition(node)) report(node, node.text);
    } else if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
      if (looksLikeText(text) && !technicalPosition(node)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('components use t() for their text', () => {
  const files = [
    ...sourceFiles('components'),
    ...sourceFiles('entrypoints/sidepanel'),
    ...sourceFiles('entrypoints/options'),
  ];

  it('finds a planted violation of each kind (the scan can fail)', () => {
    const planted = [
      `export const A = () => <p>Apply all</p>;`,
      `export const B = () => <button title="Close the panel" />;`,
      `export const C = () => <input placeholder={\`Search \${n} options\`} />;`,
      `const steps = [{ label: 'Retry', run }];`,
      `const TEXT = { reply: 'reply box' };`,
      `// i18n-ignore\nconst label = 'No reason given';`,
      `const x = ok ? 'Saved' : 'Not saved yet';`,
      `export const E = () => <Editor okText={n ? \`\${n} valid rules.\` : 'No rules.'} />;`,
    ];
    for (const code of planted) expect(hardCodedText('planted.tsx', code), code).not.toEqual([]);
  });

  it('lets technical strings through', () => {
    const fine = [
      `export const A = () => <p className="notice notice-error" data-testid="x" aria-keyshortcuts="Control+Enter">{t('panel_applyAll')}</p>;`,
      `if (e.key === 'Escape') close();`,
      `const el = document.querySelector('.field input');`,
      `export const B = () => <h1>Deskmate</h1>;`,
      `const kind = { reply: 'reply', note: 'internal-note' };`,
      `export const C = () => <span>{' · '}+−×</span>;`,
      `const TOGGLE = 'Alt+Shift+D';`,
      `// i18n-ignore: the model reads this, in English\nconst prompt = \`Escalation reasons: \${list}.\`;`,
      `export const D = () => <Editor id="guide-instruction" lockId="lock-x" onPick={() => pick('Some Name')} />;`,
    ];
    for (const code of fine) expect(hardCodedText('fine.tsx', code), code).toEqual([]);
  });

  it('finds no English text in components/ and the panel and options entrypoints', () => {
    expect(files.flatMap((f) => hardCodedText(f))).toEqual([]);
  });
});
