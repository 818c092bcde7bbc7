import { send } from '../messaging/client';
import { DeskmateError } from '../messaging/envelope';
import { getEffectiveSettings } from '../settings/effective';

/** What a refused export says (the managed policy's `exportAllowed: false`, or the user's own switch). */
export const EXPORT_REFUSED = 'Your administrator does not allow exports.';

/** Refuses an export unless the effective settings allow it. */
export type ExportGuard = () => Promise<void>;

function refuseUnless(allowed: boolean): void {
  if (!allowed) throw new DeskmateError('policy', EXPORT_REFUSED);
}

/**
 * Extension pages (options): ask the background, the only context that knows the managed policy.
 * A page reading Dexie directly could otherwise export what the admin forbade.
 */
export const pageExportGuard: ExportGuard = async () => {
  refuseUnless((await send('settings.get', {})).settings.exportAllowed);
};

/** The background: the effective settings in force (locked policy > user > policy default). */
export const backgroundExportGuard: ExportGuard = async () => {
  refuseUnless((await getEffectiveSettings()).exportAllowed);
};

/** The agent id an export carries (lib/team/identity.ts): a pseudonym unless policy allows names. */
export type AgentSource = () => Promise<string>;

/** Extension pages: the background resolves it (settings, the policy's rules, this browser's pseudonym). */
export const pageAgentId: AgentSource = async () => (await send('team.identity', {})).agentId;
