import { z } from 'zod';
import type { MessageSpec } from '../messaging/spec';

export const AgentIdentityView = z.object({
  agentId: z.string(),
  source: z.enum(['setting', 'generated']),
  realNames: z.boolean(),
  pattern: z.string(),
  problem: z.string().optional(),
});

/** Background messages of the team domain (spread into lib/messaging/protocol.ts). */
export const teamMessages = {
  /** The agent id this browser's exports carry (a pseudonym unless the policy allows names). */
  'team.identity': { from: ['panel', 'options'], request: z.object({}), response: AgentIdentityView },
} satisfies Record<string, MessageSpec>;
