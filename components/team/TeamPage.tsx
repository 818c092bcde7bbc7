import { t } from '@/lib/i18n/t';
import { TeamSection } from './TeamSection';

/** The standalone team report page (team.html): no desk, no settings around it. */
export function TeamPage() {
  return (
    <main className="options-main team-page" aria-labelledby="team-page-title">
      <h1 id="team-page-title">{t('team_pageTitle')}</h1>
      <TeamSection showIdentity={false} />
    </main>
  );
}
