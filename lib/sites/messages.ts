import { z } from 'zod';
import { GenericDeskConfig } from './generic/config';

/** Background messages of the sites domain (spread into lib/messaging/protocol.ts). */
export const sitesMessages = {
  /** The described desks (policy's, then the user's) whose patterns match the asking page. */
  'sites.genericDesks': {
    from: ['content'],
    request: z.object({}),
    response: z.object({ desks: z.array(GenericDeskConfig) }),
  },
} as const;
