export const STATUSES: string[];
export const PRIORITIES: string[];
export const CATEGORIES: string[];
export function startDemoDesk(options?: { port?: number; host?: string }): Promise<{
  baseUrl: string;
  close(): Promise<void>;
}>;
