import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TicketContext } from '@/lib/context/ticket-context';
import { dockedPanel, launch, type Session } from './harness';
import { askTab, ensureDesk } from './sites-desks';

const desk = ensureDesk('setup-rt5.sh', 'rt5.env');
const BASE = desk.env.RT_BASE ?? '';
const auth = `Basic ${Buffer.from(`${desk.env.RT_USER}:${desk.env.RT_PASS}`).toString('base64')}`;

type Read = { ok: true; context: TicketContext } | { ok: false; reason: string };

/** A new ticket, the way customers open them: an e-mail through RT's own mail gateway. */
function mailTicket(subject: string, body: string): void {
  const eml = `/tmp/deskmate-rt-${Date.now()}.eml`;
  writeFileSync(
    eml,
    `From: Bruno Client <bruno.client@example.org>\nTo: support@example.test\nSubject: ${subject}\nContent-Type: text/plain; charset=utf-8\n\n${body}\n`,
  );
  execFileSync('sh', ['-c', `rt-mailgate-5 --queue General --action correspond --url ${BASE}/ < ${eml}`]);
}

async function ticketIdBySubject(subject: string): Promise<number> {
  const query = encodeURIComponent(`Subject = '${subject}'`);
  const res = await fetch(`${BASE}/REST/2.0/tickets?query=${query}`, { headers: { Authorization: auth } });
  const json = (await res.json()) as { items: { id: string | number }[] };
  return Number(json.items[0]?.id);
}

let session: Session;

describe.skipIf(!desk.ok)(
  `Request Tracker 5, real desk${desk.ok ? '' : ` (skipped: ${desk.reason})`}`,
  () => {
    let id = 0;
    const subject = `Deskmate e2e ${Date.now()}: invoice INV-5521 charged twice`;

    beforeAll(async () => {
      mailTicket(
        subject,
        'Hello,\n\nInvoice INV-5521 was charged twice on my card.\nPlease refund one.\n\nBruno',
      );
      id = await ticketIdBySubject(subject);
      expect(id).toBeGreaterThan(0);
      // An agent's answer through REST2, so the thread has both sides.
      await fetch(`${BASE}/REST/2.0/ticket/${id}/correspond`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          Content: 'Hi Bruno, looking into the double charge now.',
          ContentType: 'text/plain',
        }),
      });
      session = await launch();
      const page = await session.context.newPage();
      await page.goto(`${BASE}/`);
      await page.fill('input[name="user"]', desk.env.RT_USER!);
      await page.fill('input[name="pass"]', desk.env.RT_PASS!);
      await Promise.all([
        page.waitForNavigation(),
        page.click('form#login button, form#login input[type=submit]'),
      ]);
      await page.close();
    });
    afterAll(async () => {
      await session?.close();
    });

    test('reads the ticket, including the history RT loads after the page', async () => {
      const { page, panel } = await session.openTicket(`${BASE}/Ticket/Display.html?id=${id}`);
      let read: Read | undefined;
      await expect
        .poll(
          async () => {
            read = await askTab<Read>(panel, page, 'context.read', {});
            return read.ok ? read.context.messages.length : -1;
          },
          { timeout: 20_000 },
        )
        .toBeGreaterThanOrEqual(2);
      if (!read?.ok) throw new Error('no context');
      const c = read.context;
      expect(c).toMatchObject({ site: 'rt', ticketKey: String(id), subject, queue: 'General' });
      expect(c.requester).toEqual({ name: 'Bruno Client', email: 'bruno.client@example.org' });
      expect(c.messages[0]).toMatchObject({ role: 'customer', author: 'Bruno Client' });
      expect(c.messages[0]?.text).toContain('Invoice INV-5521 was charged twice');
      expect(c.messages[1]).toMatchObject({
        role: 'agent',
        text: 'Hi Bruno, looking into the double charge now.',
      });
      expect(c.unreadable).toEqual([]);
      // The evidence highlight finds the quote in the loaded history.
      expect(await askTab(panel, page, 'page.highlight', { quote: 'charged   twice on my card' })).toEqual({
        found: true,
      });
      await page.close();
    });

    test('the history arriving after the page is told to the panel as late content', async () => {
      const page = await session.context.newPage();
      // Hold RT's history request until the panel listens, so the late arrival is observed for sure.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route('**/Helpers/TicketHistory**', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${BASE}/Ticket/Display.html?id=${id}`);
      const panel = await dockedPanel(page);
      await panel.evaluate(() => {
        const w = window as unknown as { __changed: unknown[] };
        w.__changed = [];
        const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
        api.runtime.onMessage.addListener((m: unknown) => {
          const message = m as { event?: string; payload?: unknown };
          if (message?.event === 'context.changed') w.__changed.push(message.payload);
        });
      });
      const before = await askTab<Read>(panel, page, 'context.read', {});
      expect(before.ok && before.context.unreadable).toEqual([
        { field: 'messages', reason: 'The ticket history is still loading.' },
      ]);
      release();
      type Changed = { changes: string[]; context: TicketContext };
      await expect
        .poll(
          () =>
            panel.evaluate(() =>
              (window as unknown as { __changed: Changed[] }).__changed.flatMap((e) => e.changes),
            ),
          { timeout: 20_000 },
        )
        .toContain('late-content');
      const after = await panel.evaluate(
        () => (window as unknown as { __changed: Changed[] }).__changed.at(-1)!,
      );
      expect(after.context.messages.length).toBeGreaterThanOrEqual(2);
      expect(after.context.unreadable).toEqual([]);
      await page.close();
    });

    test('inserts a reply into the real CKEditor 4 and RT records it', async () => {
      const { page, panel } = await session.openTicket(`${BASE}/Ticket/Update.html?Action=Respond&id=${id}`);
      await page.waitForFunction(() => {
        const ck = (window as unknown as { CKEDITOR?: { instances?: Record<string, { status: string }> } })
          .CKEDITOR;
        return ck?.instances?.UpdateContent?.status === 'ready';
      });
      expect(await askTab(panel, page, 'page.targets', {})).toEqual({ targets: ['reply'] });
      const text = `Deskmate reply ${Date.now()}: the duplicate charge on INV-5521 is refunded.`;
      expect(await askTab(panel, page, 'page.apply', { target: 'reply', value: text })).toEqual({ ok: true });
      // Read back from the editor's own model (not our DOM write): CKEditor knows the text.
      const data = await page.evaluate(() =>
        (
          window as unknown as { CKEDITOR: { instances: Record<string, { getData(): string }> } }
        ).CKEDITOR.instances.UpdateContent!.getData(),
      );
      expect(data).toContain(text);
      // Submit through RT's own form, then read the ticket back from the desk.
      await Promise.all([page.waitForNavigation(), page.click('input[name="SubmitTicket"]')]);
      const display = await session.openTicket(`${BASE}/Ticket/Display.html?id=${id}`);
      await expect
        .poll(
          async () => {
            const r = await askTab<Read>(display.panel, display.page, 'context.read', {});
            return r.ok ? r.context.messages.map((m) => m.text) : [];
          },
          { timeout: 20_000 },
        )
        .toContain(text);
      await display.page.close();
      await page.close();
    });
  },
);
