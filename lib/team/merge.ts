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
  seen: Map<string, number>;
}

export function emptyTeamLog(): TeamLog {
  return { files: [], events: [], corrections: [], decisions: [], seen: new Map() };
}

/** Add one parsed file; returns the file's entry (with its problems, duplicates included). */
export function addFile(team: TeamLog, parsed: ParsedFile): LoadedFile {
  const index = team.files.length;
  let added = 0;
  let duplicates = 0;
  const from = new Map<number, number>();
  const agents = new Set<string>();
  const take = <T extends { eventId: string; agentId: string }>(rows: T[], into: T[]) => {
    for (const row of rows) {
      agents.add(row.agentId);
      const earlier = team.seen.get(row.eventId);
      if (earlier !== undefined) {
        duplicates++;
        from.set(earlier, (from.get(earlier) ?? 0) + 1);
        continue;
      }
      team.seen.set(row.eventId, index);
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
