import { EventColumns } from '../metrics/event-columns';
import type { FileProblem, ParsedFile, TeamCorrection, TeamDecision, TeamKind } from './parse';

/**
 * Many agents' exports merged into one team log, de-duplicated by event id (lib/export/ids.ts): the
 * same export dropped twice, or two exports that overlap (an agent exported Monday and again Friday),
 * count every record once. Pure; the arrays and columns grow in place as files are added, so a caller
 * computing from them takes a snapshot (lib/team/report.ts does).
 */

export interface LoadedFile {
  name: string;
  format: 'csv' | 'jsonl';
  kinds: TeamKind[];
  /** Data lines read. */
  lines: number;
  /** Records added to the team log. */
  added: number;
  /** Records already loaded from an earlier file (counted once). */
  duplicates: number;
  /** Lines that could not be loaded. */
  rejected: number;
  agents: string[];
  older: boolean;
  problems: FileProblem[];
}

export interface TeamLog {
  files: LoadedFile[];
  /** Metrics events as columns (lib/metrics/event-columns.ts): a team has a million of them. */
  events: EventColumns;
  corrections: TeamCorrection[];
  decisions: TeamDecision[];
  /** Event id -> index of the file it was first loaded from. */
  seen: SeenIds;
}

export function emptyTeamLog(): TeamLog {
  return { files: [], events: new EventColumns(), corrections: [], decisions: [], seen: new SeenIds() };
}

/** The value of 8 hex digits (lowercase) at `at`, or -1 when they are not. */
function hex32(id: string, at: number): number {
  let v = 0;
  for (let i = at; i < at + 8; i++) {
    const c = id.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/**
 * Event id -> index of the file it was first loaded from, for a million ids: ids as the exports
 * write them (a kind letter, a dash, 64 bits in hex) are kept as numbers in an open-addressing table
 * in one typed array, an entry's three words side by side (one cache line read per probe, no string
 * or entry object per id, and nothing for the garbage collector to walk); any other id (derived from
 * an older export) goes to a Map.
 */
export class SeenIds {
  /**
   * Per entry: the high 32 bits, the low 32 bits, then 0 when free, else the kind code (1..3) in the
   * low 2 bits and the file index + 1 above them.
   */
  private table = new Uint32Array(1024 * 3);
  private count = 0;
  private others = new Map<string, number>();

  get size(): number {
    return this.count + this.others.size;
  }

  /**
   * The file an id was first loaded from; when it is new, it is stored as loaded from `file` and
   * undefined is returned. One probe where get then set would make two.
   */
  firstOrAdd(id: string, file: number): number | undefined {
    const kind = this.kindOf(id);
    const hi = kind === 0 ? -1 : hex32(id, 2);
    const lo = kind === 0 ? -1 : hex32(id, 10);
    if (hi < 0 || lo < 0) {
      const earlier = this.others.get(id);
      if (earlier === undefined) this.others.set(id, file);
      return earlier;
    }
    if ((this.count + 1) * 2 > this.table.length / 3) this.grow();
    const found = this.put(hi, lo, (file + 1) * 4 + kind, false);
    if (found === undefined) this.count++;
    return found;
  }

  /** 1..3 for `c-`, `d-`, `e-` and 16 more characters; 0 for any other id. */
  private kindOf(id: string): number {
    if (id.length !== 18 || id.charCodeAt(1) !== 45 /* - */) return 0;
    const c = id.charCodeAt(0);
    return c === 99 /* c */ ? 1 : c === 100 /* d */ ? 2 : c === 101 /* e */ ? 3 : 0;
  }

  /**
   * Find the id's entry: when there is none, store `value` and return undefined; else return the
   * file it was stored from (and, with `replace`, store `value` over it).
   */
  private put(hi: number, lo: number, value: number, replace: boolean): number | undefined {
    const table = this.table;
    const entries = table.length / 3;
    const kind = value % 4;
    for (let i = mix(hi, lo) & (entries - 1); ; i = (i + 1) & (entries - 1)) {
      const at = i * 3;
      const s = table[at + 2] as number;
      if (s === 0) {
        table[at] = hi;
        table[at + 1] = lo;
        table[at + 2] = value;
        return undefined;
      }
      if (table[at] === hi && table[at + 1] === lo && s % 4 === kind) {
        if (replace) table[at + 2] = value;
        return Math.floor(s / 4) - 1;
      }
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 3)
      if (old[at + 2] !== 0) this.put(old[at] as number, old[at + 1] as number, old[at + 2] as number, true);
  }
}

/** A table index from an id's 64 bits (already a hash, mixed so a crafted file cannot line them up). */
function mix(hi: number, lo: number): number {
  const h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Add one parsed file; returns the file's entry (with its problems, duplicates included). */
export function addFile(team: TeamLog, parsed: ParsedFile): LoadedFile {
  const index = team.files.length;
  let added = 0;
  let duplicates = 0;
  const from = new Map<number, number>();
  const agents = new Set<string>();
  /** Is the record new? Counts it as added or as a duplicate of the file it was first loaded from. */
  const isNew = (eventId: string): boolean => {
    const earlier = team.seen.firstOrAdd(eventId, index);
    if (earlier === undefined) {
      added++;
      return true;
    }
    duplicates++;
    from.set(earlier, (from.get(earlier) ?? 0) + 1);
    return false;
  };
  const take = <T extends { eventId: string; agentId: string }>(rows: T[], into: T[]) => {
    // Rows come agent by agent (a file is one agent's): the set is touched when the agent changes.
    let agent: string | undefined;
    for (const row of rows) {
      if (row.agentId !== agent) {
        agent = row.agentId;
        agents.add(agent);
      }
      if (isNew(row.eventId)) into.push(row);
    }
  };
  const events = parsed.events;
  const names = team.events.namesFrom(events);
  team.events.reserve(team.events.length + events.length);
  let agent = -1;
  for (let i = 0; i < events.length; i++) {
    if (events.agent[i] !== agent) {
      agent = events.agent[i] as number;
      agents.add(events.names[agent] as string);
    }
    if (isNew(parsed.eventIds[i] as string)) team.events.append(events, i, names);
  }
  take(parsed.corrections, team.corrections);
  take(parsed.decisions, team.decisions);
  const problems = [...parsed.problems];
  if (duplicates > 0) {
    const sources = [...from.keys()]
      .map((i) => team.files[i]?.name)
      .filter(Boolean)
      .slice(0, 3)
      .join(', ');
    const within = from.has(index);
    problems.unshift({
      file: parsed.name,
      level: added === 0 ? 'error' : 'warning',
      message:
        added === 0
          ? `${parsed.name} is already loaded: its ${duplicates} records were all in ${sources || 'files loaded before'}; nothing was added.`
          : `${parsed.name}: ${duplicates} records were already loaded${within ? '' : ` from ${sources}`} and count once.`,
    });
  }
  const file: LoadedFile = {
    name: parsed.name,
    format: parsed.format,
    kinds: parsed.kinds,
    lines: parsed.lines,
    added,
    duplicates,
    rejected: parsed.rejected,
    agents: [...agents].sort(),
    older: parsed.older,
    problems,
  };
  team.files.push(file);
  return file;
}
