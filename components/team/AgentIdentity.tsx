import { useEffect, useId, useState } from 'react';
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
      <h3 id={`${id}-title`}>Your agent id in exports</h3>
      <p>
        Your exports carry <strong data-testid="team-agent-id">{identity.agentId}</strong>
        {identity.source === 'generated' ? ' (generated for this browser)' : ''}.{' '}
        {identity.realNames ? 'Your organization allows names.' : 'Use a pseudonym, not your name.'}
      </p>
      {identity.problem && <p className="warn-text">Your chosen id is not used: {identity.problem}</p>}
      <form
        className="team-identity"
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem) onSave(value.trim());
        }}
      >
        <label htmlFor={`${id}-agent`}>Agent id</label>
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
          {value.trim() ? 'Save' : 'Use the generated pseudonym'}
        </button>
        <span id={`${id}-why`} className={problem ? 'error' : 'hint'}>
          {locked ? 'Managed by your organization.' : (problem ?? '')}
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
