import type { FileProblem, ParsedFile, TeamCorrection, TeamDecision, TeamEvent, TeamKind } from './parse';

/**
 * Many agents' exports merged into one team log, de-duplicated by event id (lib/export/ids.ts): the
 * same export dropped twice, or two exports that overlap (an agent exported Monday and again Friday),
 * count every record once. Pure; the arrays grow in place as files are added, so a caller computing
 * from them takes a snapshot (lib/team/report.ts does).
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
  events: TeamEvent[];
  corrections: TeamCorrection[];
  decisions: TeamDecision[];
  /** Event id -> index of the file it was first loaded from. */
  seen: SeenIds;
}

export function emptyTeamLog(): TeamLog {
  return { files: [], events: [], corrections: [], decisions: [], seen: new SeenIds() };
}

const KIND_CODE: Record<string, number> = { c: 1, d: 2, e: 3 };

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
 * Event id -> index of the file it was first loaded from, for a million ids: ids as the exports write them (a kind letter, a dash, 64 bits in hex) are kept as
 * numbers in an open-addressing table of typed arrays (no string or entry object per id, and far less
 * for the garbage collector to walk); any other id (derived from an older export) goes to a Map.
 */
export class SeenIds {
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  /** 0: free; else kind code (1..3) in the low 2 bits and the file index + 1 above them. */
  private slot = new Float64Array(1024);
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
    if ((this.count + 1) * 2 > this.slot.length) this.grow();
    const mask = this.slot.length - 1;
    for (let i = mix(hi, lo) & mask; ; i = (i + 1) & mask) {
      const s = this.slot[i] as number;
      if (s === 0) {
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.slot[i] = (file + 1) * 4 + kind;
        this.count++;
        return undefined;
      }
      if (this.hi[i] === hi && this.lo[i] === lo && s % 4 === kind) return Math.floor(s / 4) - 1;
    }
  }

  /** 1..3 for `c-`, `d-`, `e-` and 16 more characters; 0 for any other id. */
  private kindOf(id: string): number {
    return id.length === 18 && id.charCodeAt(1) === 45 /* - */ ? (KIND_CODE[id[0] as string] ?? 0) : 0;
  }

  /** Store at the id's slot; true when the id was new. */
  private put(hi: number, lo: number, value: number): boolean {
    const mask = this.slot.length - 1;
    const kind = value % 4;
    for (let i = mix(hi, lo) & mask; ; i = (i + 1) & mask) {
      const s = this.slot[i] as number;
      if (s === 0) {
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.slot[i] = value;
        return true;
      }
      if (this.hi[i] === hi && this.lo[i] === lo && s % 4 === kind) {
        this.slot[i] = value;
        return false;
      }
    }
  }

  private grow(): void {
    const { hi, lo, slot } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.slot = new Float64Array(slot.length * 2);
    for (let i = 0; i < slot.length; i++)
      if (slot[i] !== 0) this.put(hi[i] as number, lo[i] as number, slot[i] as number);
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
  const take = <T extends { eventId: string; agentId: string }>(rows: T[], into: T[]) => {
    // Rows come agent by agent (a file is one agent's): the set is touched when the agent changes.
    let agent: string | undefined;
    for (const row of rows) {
      if (row.agentId !== agent) {
        agent = row.agentId;
        agents.add(agent);
      }
      const earlier = team.seen.firstOrAdd(row.eventId, index);
      if (earlier !== undefined) {
        duplicates++;
        from.set(earlier, (from.get(earlier) ?? 0) + 1);
        continue;
      }
      into.push(row);
      added++;
    }
  };
  take(parsed.events, team.events);
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
