import { useEffect, useId, useState } from 'react';
import { t } from '@/lib/i18n/t';
import { checkAgentId, type AgentIdentity as Identity } from '@/lib/team/identity';

interface Props {
  identity?: Identity;
  /** The policy locks team.agentId. */
  locked: boolean;
  status?: { kind: 'ok' | 'error'; message: string };
  onSave: (agentId: string) => void;
}

/** The id this browser's exports carry: the generated pseudonym, or one the agent chooses. */
export function AgentIdentity({ identity, locked, status, onSave }: Props) {
  const id = useId();
  const [value, setValue] = useState('');
  useEffect(() => setValue(identity?.source === 'setting' ? identity.agentId : ''), [identity]);
  if (!identity) return null;
  const problem = value.trim() ? checkAgentId(value, identity) : undefined;
  return (
    <section aria-labelledby={`${id}-title`} data-testid="team-identity">
      <h3 id={`${id}-title`}>{t('team_identityTitle')}</h3>
      <p>
        {t('team_exportsCarry')} <strong data-testid="team-agent-id">{identity.agentId}</strong>
        {identity.source === 'generated' ? ` ${t('team_generated')}` : ''}.{' '}
        {identity.realNames ? t('team_namesAllowed') : t('team_usePseudonym')}
      </p>
      {identity.problem && <p className="warn-text">{t('team_chosenNotUsed', identity.problem)}</p>}
      <form
        className="team-identity"
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem) onSave(value.trim());
        }}
      >
        <label htmlFor={`${id}-agent`}>{t('team_agentId')}</label>
        <input
          id={`${id}-agent`}
          value={value}
          disabled={locked}
          placeholder={identity.agentId}
          aria-invalid={Boolean(problem)}
          aria-describedby={`${id}-why`}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" disabled={locked || Boolean(problem)}>
          {value.trim() ? t('common_save') : t('team_useGenerated')}
        </button>
        <span id={`${id}-why`} className={problem ? 'error' : 'hint'}>
          {locked ? t('team_managed') : (problem ?? '')}
        </span>
      </form>
      {status && (
        <p
          role={status.kind === 'error' ? 'alert' : 'status'}
          className={status.kind === 'error' ? 'error' : 'hint'}
        >
          {status.message}
        </p>
      )}
    </section>
  );
}
