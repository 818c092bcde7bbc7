import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { FieldValue } from '../templates/suggestion';
import { CorrectionRecord, correctionKey } from './records';

/**
 * Deskmate's records, in the extension origin's IndexedDB only (never the host page's).
 * Indexes cover what is queried (time ranges, template/field filters, ticket hash for "forget");
 * never content, quotes or secrets. Every schema change is a new version with an upgrade and a test
 * that seeds the previous version (test/unit/db-migrations.test.ts).
 */

/** What the agent typed or accepted, autosaved per ticket and template. */
export interface Draft {
  /** `${site}|${ticketHash}|${templateId}` */
  id: string;
  site: string;
  ticketHash: string;
  templateId: string;
  /** Field values as the agent has them now. */
  values: Record<string, FieldValue>;
  /** The suggestion the draft started from, to compute corrections on apply. */
  suggestionId?: string;
  updatedAt: number;
}

/** One field where the agent kept a value (equal to the AI's = agreement, else a correction). */
export interface Correction {
  id?: number;
  templateId: string;
  templateVersion: number;
  field: string;
  aiValue: FieldValue;
  keptValue: FieldValue;
  agreed: boolean;
  aiConfidence: number;
  aiSource: string;
  evidence: string[];
  /** Redacted excerpt of the ticket, for retrieval and the learner. */
  contextSnippet: string;
  site: string;
  ticketHash: string;
  time: number;
  reason?: string;
  /** Set when it came from a colleague's team pack. */
  imported?: { from: string; at: number };
  /**
   * `false` when recorded with learning off: kept for the metrics (acceptance, promotion) without any
   * ticket text, and never learned from or retrieved. Absent means learnable (older rows). Not indexed:
   * readers filter in code.
   */
  learnable?: boolean;
  /** The field's kind in the template ('enum' fields feed the local learner). */
  fieldKind?: string;
  /**
   * Content hash of what makes a correction the same one (template, field, ticket, values, time), so a
   * team pack imported twice adds nothing. A hash, never content (version 2). Filled on insert when
   * the writer leaves it out.
   */
  dedupKey?: string;
}

/** An escalation decision: what fired, what the agent did, why. */
export interface Decision {
  id?: number;
  site: string;
  ticketHash: string;
  time: number;
  rulesFired: { id: string; severity: string; reason: string; evidence: string[] }[];
  signals: { category: string; confidence: number; evidence: string[]; shownAs: 'flag' | 'hint' }[];
  action: 'escalated' | 'dismissed';
  reason?: string;
  templateId?: string;
}

/** A metrics event. Never ticket text: ids, hashes, names of fields, numbers. */
export interface DeskEvent {
  id?: number;
  type: string;
  time: number;
  site: string;
  ticketHash: string;
  templateId?: string;
  field?: string;
  /** Small numeric or enum facts: latencyMs, provider, mode, count... */
  data?: Record<string, string | number | boolean>;
}

export interface LearnerState {
  /** e.g. `triage.category@rt`: per template field and desk (lib/learner/registry.ts learnerKey) */
  key: string;
  state: unknown;
  updatedAt: number;
}

export class DeskmateDb extends Dexie {
  drafts!: EntityTable<Draft, 'id'>;
  corrections!: EntityTable<Correction, 'id'>;
  decisions!: EntityTable<Decision, 'id'>;
  events!: EntityTable<DeskEvent, 'id'>;
  learnerState!: EntityTable<LearnerState, 'key'>;

  constructor(name = 'deskmate') {
    super(name);
    this.version(1).stores({
      drafts: '&id, updatedAt, ticketHash',
      corrections: '++id, time, [templateId+field], site, ticketHash',
      decisions: '++id, time, ticketHash',
      events: '++id, time, type, ticketHash',
      learnerState: '&key',
    });
    // v2: corrections get a de-duplication key (team-pack import) and are re-validated.
    this.version(2)
      .stores({ corrections: '++id, time, [templateId+field], site, ticketHash, dedupKey' })
      .upgrade(upgradeTo2);
    this.corrections.hook('creating', (_key, row) => {
      row.dedupKey ??= correctionKey(row);
    });
  }
}

/**
 * v1 -> v2: every correction gets its `dedupKey`, and is re-parsed with the record schema so rows
 * written by an older build are repaired (missing lists, versions) rather than half-valid. A row that
 * cannot be repaired is kept as it was (nothing is lost) and skipped by readers that validate.
 */
export async function upgradeTo2(tx: Transaction): Promise<void> {
  await tx
    .table('corrections')
    .toCollection()
    .modify((row: Record<string, unknown>) => {
      const parsed = CorrectionRecord.safeParse(row);
      if (!parsed.success) return;
      Object.assign(row, parsed.data);
      row.dedupKey = correctionKey(parsed.data);
    });
}

let instance: DeskmateDb | undefined;

/** The one database of this extension context. Tests open their own with `new DeskmateDb(name)`. */
export function db(): DeskmateDb {
  instance ??= new DeskmateDb();
  return instance;
}
