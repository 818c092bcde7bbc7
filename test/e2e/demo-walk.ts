import type { Page } from 'playwright-core';
import type { Session } from './harness';

export interface DemoWalk {
  session: Session;
  baseUrl: string;
  shot(page: Page, name: string): Promise<void>;
}

/**
 * The headless demo: one ticket end to end, as far as the product goes today. Each step is a plain
 * function so the demo and the e2e tests share it.
 */
export async function walkDemo({ session, baseUrl, shot }: DemoWalk): Promise<void> {
  const inbox = await session.context.newPage();
  await inbox.goto(baseUrl);
  await shot(inbox, 'inbox');
  await inbox.close();

  console.log('Opening ticket #1002 (refund for a damaged blender)...');
  const { page, panel } = await session.openTicket(`${baseUrl}/tickets/1002`);
  await panel.getByTestId('ticket-summary').waitFor();
  await shot(page, 'ticket-with-panel');
}
