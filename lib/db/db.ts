import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { FieldValue } from '../templates/suggestion';
import { CorrectionRecord, correctionKey } from './records';

/**
 * Deskmate's records, in the extension origin's IndexedDB only (never the host page's).
 * Indexes cover what is queried (time ranges, template/field filters, ticket hash for "forget");
 * never content, quotes or secrets. Every schema change is a new version with an upgrade and a test
 * that seeds the previous version (test/unit/db/migrations.test.ts).
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

/**
 * One template's retrieval index as lib/memory/retrieval.ts persists it (version 3), so that the first
 * suggestion after a browser start does not re-read and re-index every correction. Numbers only: hashed
 * word ids, weights, correction ids and site names, never ticket text (examples are read from
 * `corrections` by id when a query needs them).
 */
export interface RetrievalSnapshot {
  templateId: string;
  /** The layout of `index` (lib/memory/retrieval.ts INDEX_FORMAT); another one is rebuilt, never read. */
  format: number;
  /** Every correction with this id or a smaller one was considered when the snapshot was taken. */
  scannedThrough: number;
  /** Rows in `corrections` (every template) at that moment: fewer now, with the newer ones counted, means some were deleted. */
  tableCount: number;
  savedAt: number;
  index: SerializedIndex;
}

/** A `CorrectionIndex` in columns: per document its correction id and site; per term its postings. */
export interface SerializedIndex {
  docIds: Float64Array;
  docSites: Uint32Array;
  sites: string[];
  /** Hashed word ids, ascending; where each one's postings start (one more entry: the end). */
  terms: Uint32Array;
  /** In `postingWeights` (16-bit fractions of 1). */
  offsets: Uint32Array;
  /** In `postingDocs` (each word's documents as varint-coded gaps). */
  byteOffsets: Uint32Array;
  postingDocs: Uint8Array;
  postingWeights: Uint16Array;
}

export class DeskmateDb extends Dexie {
  drafts!: EntityTable<Draft, 'id'>;
  corrections!: EntityTable<Correction, 'id'>;
  decisions!: EntityTable<Decision, 'id'>;
  events!: EntityTable<DeskEvent, 'id'>;
  learnerState!: EntityTable<LearnerState, 'key'>;
  retrievalIndex!: EntityTable<RetrievalSnapshot, 'templateId'>;

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
    // v3: the persisted retrieval index, one row per template. No upgrade: rows already stored stay as
    // they are, and the background builds each template's index from them (CorrectionRetrieval.warm).
    // Indexed by format, so a start finds the templates to build without reading any saved index.
    this.version(3).stores({ retrievalIndex: '&templateId, format' });
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
