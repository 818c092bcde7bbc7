import { t } from '@/lib/i18n/t';
import type { LoadedFile } from '@/lib/team/merge';

const KIND = {
  corrections: () => t('team_kindCorrections'),
  decisions: () => t('team_kindDecisions'),
  events: () => t('team_kindEvents'),
} as const;

/** Each file loaded: what it held, what was added, and its problems (file and line named). */
export function LoadedFiles({ files }: { files: LoadedFile[] }) {
  if (files.length === 0) return null;
  return (
    <section aria-labelledby="team-files-title" data-testid="team-loaded-files">
      <h3 id="team-files-title">{t('team_files')}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('team_file')}</th>
            <th scope="col">{t('team_holds')}</th>
            <th scope="col">{t('team_added')}</th>
            <th scope="col">{t('team_alreadyLoaded')}</th>
            <th scope="col">{t('team_notLoaded')}</th>
            <th scope="col">{t('team_agents')}</th>
          </tr>
        </thead>
        <tbody>
          {files.map((f, i) => (
            // Two files may share a name (the same export dropped twice): the position tells them apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: files are only ever appended.
            <tr key={i} data-testid="team-file">
              <th scope="row">{f.name}</th>
              <td>
                {f.kinds.map((k) => KIND[k]()).join(', ') || '—'} ({f.format.toUpperCase()})
              </td>
              <td>{f.added}</td>
              <td>{f.duplicates}</td>
              <td>{f.rejected}</td>
              <td>{f.agents.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {files.some((f) => f.problems.length > 0) && (
        <ul className="team-problems" aria-label={t('team_problems')} data-testid="team-problems">
          {files.flatMap((f, i) =>
            f.problems.map((p, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems never reorder.
              <li key={`${i}-${j}`} className={p.level === 'error' ? 'error' : 'warn-text'}>
                {p.message}
              </li>
            )),
          )}
        </ul>
      )}
    </section>
  );
}
