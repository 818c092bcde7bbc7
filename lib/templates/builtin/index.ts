import type { Template } from '../define';
import bugReport from './bug-report';
import escalationHandoff from './escalation-handoff';
import refundRequest from './refund-request';
import replyDraft from './reply-draft';
import triage from './triage';

/** Every built-in template, in the picker's default order. A test checks each id equals its file name. */
export const BUILTIN_TEMPLATES: readonly Template[] = [
  triage,
  refundRequest,
  bugReport,
  escalationHandoff,
  replyDraft,
] as unknown as readonly Template[];
