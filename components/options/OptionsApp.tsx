import { type ReactNode, useEffect, useState } from 'react';
import { t } from '@/lib/i18n/t';

/** One section of the options page: its nav entry and its content. */
export interface OptionsSection {
  id: string;
  title: string;
  content: ReactNode;
}

interface Props {
  sections: OptionsSection[];
  /** Shown above every section (policy errors, load errors). */
  notice?: ReactNode;
  /** The section to show first (from the URL hash). */
  initial?: string;
}

/**
 * The options page: a nav and one section at a time. Sections come from their domains (provider,
 * redaction, sites, templates from the panel; policy, logs, metrics from theirs), wired in
 * entrypoints/options/main.tsx, so adding one is one entry there.
 */
export function OptionsApp({ sections, notice, initial }: Props) {
  const [current, setCurrent] = useState(
    initial && sections.some((s) => s.id === initial) ? initial : sections[0]?.id,
  );
  useEffect(() => {
    if (initial && sections.some((s) => s.id === initial)) setCurrent(initial);
  }, [initial, sections]);
  const section = sections.find((s) => s.id === current) ?? sections[0];
  return (
    <div className="options">
      <header className="options-header">
        <h1>{t('options_title')}</h1>
      </header>
      <nav aria-label={t('options_nav')} className="options-nav">
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a
                href={`#${s.id}`}
                aria-current={s.id === section?.id ? 'page' : undefined}
                data-testid={`nav-${s.id}`}
                onClick={() => setCurrent(s.id)}
              >
                {s.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="options-main" aria-labelledby="section-title">
        {notice}
        {section && (
          <section id={`section-${section.id}`} data-testid={`section-${section.id}`}>
            <h2 id="section-title">{section.title}</h2>
            {section.content}
          </section>
        )}
      </main>
    </div>
  );
}
