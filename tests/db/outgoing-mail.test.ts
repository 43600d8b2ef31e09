// The outgoing mail queue on every dialect: a message exists exactly when the
// change it reports was committed, and is delivered once, later, whatever
// happens in between.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { CLAIM_MS, deliverMailSoon, deliverQueuedMail, enqueueMail, retryDelayMs, summariseMailQueue } from '../../src/server/mail/outgoing-mail';
import { mailInFlight, stopDeliveryThread } from '../../src/server/mail/delivery-thread';
import { migrateToLatest } from '../../src/server/db/migrate';
import { createTestDatabase, DIALECTS, useMigratedDatabase } from '../support/databases';
import { awaitMail, readOutbox, useTemporaryOutbox, waitForMail } from '../support/outbox';

const outbox = useTemporaryOutbox();
let sequence = 0;
const address = (name: string) => `${name}-${Date.now().toString(36)}-${++sequence}@example.org`;

describe.each(DIALECTS)('outgoing mail on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  const mailsTo = (to: string) => readOutbox(outbox).filter((message) => message.to === to);

  it('never sends a message whose transaction rolled back', async () => {
    const to = address('rolled-back');
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, { to, subject: 'Your place is confirmed', text: 'Welcome.' });
        throw new Error('the change failed after the message was written');
      }),
    ).rejects.toThrow('the change failed');
    await deliverMailSoon(handle.db);
    expect(mailsTo(to)).toEqual([]);
    expect(await handle.db.selectFrom('outgoing_mail').selectAll().where('recipient', '=', to).execute()).toEqual([]);
  });

  it('delivers a committed message once, in a file named after it, and then forgets its body', async () => {
    const to = address('committed');
    await handle.db.transaction().execute((trx) => enqueueMail(trx, { to, subject: 'Choose a new password', text: 'https://whatson.example.org/reset-password?token=secret' }));
    expect(await deliverQueuedMail(handle.db)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await deliverQueuedMail(handle.db)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const [mail] = mailsTo(to);
    expect(mailsTo(to)).toHaveLength(1);
    expect(mail!.subject).toBe('Choose a new password');
    const row = await handle.db.selectFrom('outgoing_mail').selectAll().where('recipient', '=', to).executeTakeFirstOrThrow();
    expect(mail!.file.startsWith(row.id)).toBe(true);
    // A one-time link must not outlive its delivery in the database.
    expect(row).toMatchObject({ state: 'sent', body: '', attachments: null, attempts: 1, claimed_by: null });
    expect(readdirSync(outbox).some((file) => file.endsWith('.partial'))).toBe(false);
  });

  it('makes the outbox folder again when it was removed after a delivery', async () => {
    const before = address('before-removal');
    await handle.db.transaction().execute((trx) => enqueueMail(trx, { to: before, subject: 'Your place is confirmed', text: 'Welcome.' }));
    expect(await deliverQueuedMail(handle.db)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    rmSync(outbox, { recursive: true, force: true });
    const after = address('after-removal');
    await handle.db.transaction().execute((trx) => enqueueMail(trx, { to: after, subject: 'Your place is confirmed', text: 'Welcome back.' }));
    expect(await deliverQueuedMail(handle.db)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(mailsTo(after)).toHaveLength(1);
    // Only whole messages are ever in the folder.
    expect(readdirSync(outbox).filter((file) => file.endsWith('.partial'))).toEqual([]);
  });

  it('keeps attachments with the message until it is delivered', async () => {
    const to = address('attachment');
    const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
    await handle.db.transaction().execute((trx) =>
      enqueueMail(trx, { to, subject: 'Your place is confirmed', text: 'See you there.', attachments: [{ filename: 'invite.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=REQUEST' }] }),
    );
    await deliverMailSoon(handle.db);
    const mail = await awaitMail(outbox, (message) => message.to === to && message.subject === 'Your place is confirmed');
    expect(readFileSync(join(outbox, mail.file), 'utf8')).toMatch(/filename=invite\.ics/);
  });

  it('lets another instance deliver what a crashed instance claimed, once its claim has expired', async () => {
    const to = address('orphaned');
    await handle.db.transaction().execute((trx) => enqueueMail(trx, { to, subject: 'Application received', text: 'Thank you.' }));
    const now = Date.now();
    // What a process killed in the middle of a delivery leaves behind.
    await handle.db
      .updateTable('outgoing_mail')
      .set({ claimed_by: 'a process that died', claimed_until: new Date(now + CLAIM_MS).toISOString(), attempts: 1 })
      .where('recipient', '=', to)
      .execute();
    expect((await deliverQueuedMail(handle.db, () => new Date(now))).sent).toBe(0);
    expect(mailsTo(to)).toEqual([]);
    expect((await deliverQueuedMail(handle.db, () => new Date(now + CLAIM_MS + 1000))).sent).toBe(1);
    expect(mailsTo(to)).toHaveLength(1);
  });

  it('keeps a message queued when the mail delivery thread dies in the middle of it, and delivers it on the next try', async () => {
    const to = address('thread-died');
    // Large enough that the thread is still rendering it when it is stopped.
    const ics = `BEGIN:VCALENDAR\r\n${'X-FILLER:0123456789abcdef\r\n'.repeat(150_000)}END:VCALENDAR\r\n`;
    await handle.db.transaction().execute((trx) =>
      enqueueMail(trx, { to, subject: 'Your place is confirmed', text: 'See you there.', attachments: [{ filename: 'invite.ics', content: ics, contentType: 'text/calendar; charset=utf-8' }] }),
    );
    const now = Date.now();
    const pass = deliverQueuedMail(handle.db, () => new Date(now));
    await vi.waitFor(() => expect(mailInFlight()).toBe(1), { timeout: 10_000, interval: 1 });
    await stopDeliveryThread();
    expect(await pass).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(mailsTo(to)).toEqual([]);
    const row = await handle.db.selectFrom('outgoing_mail').select(['state', 'last_error', 'claimed_by']).where('recipient', '=', to).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'pending', claimed_by: null, last_error: expect.stringMatching(/mail delivery thread stopped/) });
    // The next try starts a thread of its own and delivers the message, once.
    expect(await deliverQueuedMail(handle.db, () => new Date(now + retryDelayMs(1) + 1000))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(mailsTo(to)).toHaveLength(1);
    expect(readdirSync(outbox).some((file) => file.endsWith('.partial'))).toBe(false);
  });

  it('claims the messages of everyone who asks in the same turn of the event loop together, in one pass', async () => {
    const recipients = Array.from({ length: 5 }, () => address('same-turn'));
    // Each as its own request would: its own transaction, then a wait for delivery.
    for (const to of recipients) await handle.db.transaction().execute((trx) => enqueueMail(trx, { to, subject: 'Application received', text: 'Thank you.' }));
    let claims = 0;
    const counted = handle.db.withPlugin({
      transformQuery({ node }) {
        if (node.kind === 'SelectQueryNode' && JSON.stringify(node.from).includes('"outgoing_mail"')) claims += 1;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    await Promise.all(recipients.map(() => deliverMailSoon(counted)));
    for (const to of recipients) expect(await waitForMail(outbox, (message) => message.to === to)).toHaveLength(1);
    expect(claims).toBe(1);
  });

  it('delivers each message exactly once while two instances deliver at the same time', async () => {
    const database = await createTestDatabase(dialect);
    // The same database through two connections (pools), as two instances have it.
    const [first, second] = [database.open(), database.open()];
    try {
      await migrateToLatest(first);
      const recipients = Array.from({ length: 60 }, () => address('burst'));
      await first.db.transaction().execute(async (trx) => {
        for (const to of recipients) await enqueueMail(trx, { to, subject: 'Application received', text: 'Thank you.' });
      });
      const reports = await Promise.all([deliverQueuedMail(first.db), deliverQueuedMail(second.db), deliverQueuedMail(first.db), deliverQueuedMail(second.db)]);
      // Files are named after the message, so a repeat would not show there: count deliveries instead.
      expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(recipients.length);
      for (const to of recipients) expect(mailsTo(to)).toHaveLength(1);
      expect(await summariseMailQueue(first.db)).toMatchObject({ pending: 0, failed: 0 });
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });
});

