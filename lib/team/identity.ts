/**
 * Who an agent is in their exports (issue #17): a pseudonymous agent id, never a real name unless the
 * managed policy says so. Pure: lib/team/handlers.ts passes the stored settings, the policy's values
 * and the pseudonym generated once on this browser.
 */

/** The built-in shape of a pseudonym: "agent-" then letters, digits or dashes ("agent-7f3a9c"). */
export const PSEUDONYM = /^agent-[a-z0-9][a-z0-9-]{1,31}$/;
/** With real names allowed: letters (any script), digits, spaces and . _ - ' (a name, nothing more). */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._'-]{0,63}$/u;
/** Under an admin's pattern without real names: an identifier ("T1234", "desk-2.night"). */
const IDENTIFIER = /^[A-Za-z0-9._:-]+$/;

/** What the policy says about agent ids (only the policy's values count, see resolveAgentId). */
export interface AgentIdRules {
  /** The policy allows people's names as agent ids. */
  realNames: boolean;
  /** The policy's pattern agent ids must match; empty: the built-in pseudonym shape. */
  pattern: string;
}

export interface AgentIdentity {
  agentId: string;
  /** `setting`: the agent's (or policy's) own id; `generated`: this browser's pseudonym. */
  source: 'setting' | 'generated';
  realNames: boolean;
  pattern: string;
  /** Why the configured id is not used (it does not fit the rules); the pseudonym is used instead. */
  problem?: string;
}

/** A fresh pseudonym: "agent-" and 6 hex digits (50 agents collide with odds below 1 in 10,000). */
export function generatePseudonym(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
) {
  const bytes = random(new Uint8Array(3));
  return `agent-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function compile(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

/** Why `agentId` may not be used under `rules`, or undefined when it may. */
export function checkAgentId(agentId: string, rules: AgentIdRules): string | undefined {
  const id = agentId.trim();
  if (!id) return 'An agent id cannot be empty.';
  if (id.length > 64) return 'An agent id has at most 64 characters.';
  if (rules.realNames ? !NAME.test(id) : rules.pattern ? !IDENTIFIER.test(id) : false)
    return rules.realNames
      ? "An agent id holds letters, digits, spaces and . _ - ' only."
      : 'An agent id holds letters, digits and . _ : - only.';
  if (rules.pattern) {
    const re = compile(rules.pattern);
    if (!re) return 'Your organization’s agent id pattern is not a valid regular expression.';
    return re.test(id) ? undefined : `Your organization requires agent ids matching ${rules.pattern}.`;
  }
  if (rules.realNames || PSEUDONYM.test(id)) return undefined;
  return 'Use a pseudonym like "agent-7f3a" (lowercase letters, digits, dashes): your organization does not allow real names.';
}

/**
 * The agent id exports carry. `realNames` and `agentIdPattern` are read from the policy's values only:
 * an agent cannot allow their own name. A configured id that breaks the rules (a name where names are
 * not allowed, or a pattern the admin added later) is not used: the pseudonym is, and `problem` says why.
 */
export function resolveAgentId(
  configured: string,
  policy: { realNames?: unknown; agentIdPattern?: unknown },
  pseudonym: string,
): AgentIdentity {
  const rules: AgentIdRules = {
    realNames: policy.realNames === true,
    pattern: typeof policy.agentIdPattern === 'string' ? policy.agentIdPattern : '',
  };
  const id = configured.trim();
  if (id) {
    const problem = checkAgentId(id, rules);
    if (!problem) return { agentId: id, source: 'setting', ...rules };
    return { agentId: pseudonym, source: 'generated', ...rules, problem };
  }
  return { agentId: pseudonym, source: 'generated', ...rules };
}
