// With SMTP_URL set, emails leave through a real SMTP conversation.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { MAX_ATTEMPTS, deliverQueuedMail, enqueueMail, retryDelayMs, retryFailedMail, summariseMailQueue } from '../../src/server/mail/outgoing-mail';
import { DIALECTS, useMigratedDatabase } from '../support/databases';

interface Received {
  from: string;
  to: string[];
  data: string;
}

let server: SMTPServer;
const received: Received[] = [];
/** While true the server turns every connection away, as a mail server in an outage does. */
let outage = false;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onConnect(_session, callback) {
      callback(outage ? Object.assign(new Error('Service not available, try again later'), { responseCode: 421 }) : undefined);
    },
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          data,
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = 'WhatsOn <portal@whatson.example.org>';
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('email through SMTP', () => {
  it('delivers the message to the SMTP server instead of the outbox', async () => {
    const { deliverMail } = await import('../../src/server/mail/mailer');
    await deliverMail({ id: '00000000000001-000001-abcdefgh', to: 'focal.point@example.org', subject: 'Confirm your email address for WhatsOn', text: 'Open https://whatson.example.org/verify-email?token=abc' });
    expect(received).toHaveLength(1);
    expect(received[0]!.from).toBe('portal@whatson.example.org');
    expect(received[0]!.to).toEqual(['focal.point@example.org']);
    expect(received[0]!.data).toContain('Subject: Confirm your email address for WhatsOn');
    expect(received[0]!.data).toContain('verify-email?token=abc');
    // The queue's id names the message, so a delivery repeated after a crash can be recognised.
    expect(received[0]!.data).toMatch(/^Message-ID: <00000000000001-000001-abcdefgh@/m);
  });
});

describe.each(DIALECTS)('the outgoing mail queue through an SMTP outage on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });
  const deliveredTo = (to: string) => received.filter((message) => message.to.includes(to));

  it('keeps a committed message through an outage and delivers it once the server answers again', async () => {
    const to = `outage-${dialect}@example.org`;
    await handle.db.transaction().execute((trx) => enqueueMail(trx, { to, subject: 'Your place is confirmed', text: 'See you in Vienna.' }));
    const start = Date.now();
    outage = true;
    try {
      expect(await deliverQueuedMail(handle.db, () => new Date(start))).toEqual({ sent: 0, retrying: 1, failed: 0 });
    } finally {
      outage = false;
    }
    const waiting = await handle.db.selectFrom('outgoing_mail').selectAll().where('recipient', '=', to).executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1, claimed_by: null });
    expect(waiting.last_error).toMatch(/421|not available/);
    // Not before its back-off has passed …
    expect((await deliverQueuedMail(handle.db, () => new Date(start + 1000))).sent).toBe(0);
    // … and then exactly once.
    expect((await deliverQueuedMail(handle.db, () => new Date(start + retryDelayMs(1) + 1000))).sent).toBe(1);
    expect(deliveredTo(to)).toHaveLength(1);
  });

  it('gives a message up after its last try, shows it as failed, and sends it when the secretariat retries', async () => {
    const to = `given-up-${dialect}@example.org`;
    await handle.db.transaction().execute((trx) => enqueueMail(trx, { to, subject: 'Application received', text: 'Thank you.' }));
    let now = Date.now();
    outage = true;
    try {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        await deliverQueuedMail(handle.db, () => new Date(now));
        now += retryDelayMs(attempt) + 1000;
      }
    } finally {
      outage = false;
    }
    const summary = await summariseMailQueue(handle.db);
    expect(summary.failed).toBe(1);
    expect(summary.problems).toEqual([expect.objectContaining({ recipient: to, state: 'failed', attempts: MAX_ATTEMPTS })]);
    expect((await deliverQueuedMail(handle.db, () => new Date(now))).sent).toBe(0);
    expect(await retryFailedMail(handle.db, undefined, new Date(now))).toBe(1);
    expect((await deliverQueuedMail(handle.db, () => new Date(now))).sent).toBe(1);
    expect(deliveredTo(to)).toHaveLength(1);
    expect((await summariseMailQueue(handle.db)).failed).toBe(0);
  });
});
