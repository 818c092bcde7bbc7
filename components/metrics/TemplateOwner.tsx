import { t } from '@/lib/i18n/t';
import type { TemplateOwner as Owner } from '@/lib/metrics/report-problem';

interface Props {
  owner?: Owner;
}

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

/** The template's accountable owner, for the panel's template header and the readiness view. */
export function TemplateOwner({ owner }: Props) {
  if (!owner) {
    return (
      <span className="template-owner hint" data-testid="template-owner">
        {t('metrics_noOwner')}
      </span>
    );
  }
  const contact = owner.contact.trim();
  return (
    <span className="template-owner" data-testid="template-owner">
      {t('metrics_owner', owner.name)}
      {contact && (
        <>
          {' · '}
          {EMAIL.test(contact) ? <a href={`mailto:${contact}`}>{contact}</a> : <span>{contact}</span>}
        </>
      )}
    </span>
  );
}
