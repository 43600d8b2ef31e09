// With SMTP_URL set, emails leave through a real SMTP conversation.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Received {
  from: string;
  to: string[];
  data: string;
}

let server: SMTPServer;
const received: Received[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
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
    const { sendMail } = await import('../../src/server/mail/mailer');
    await sendMail({ to: 'focal.point@example.org', subject: 'Confirm your email address for WhatsOn', text: 'Open https://whatson.example.org/verify-email?token=abc' });
    expect(received).toHaveLength(1);
    expect(received[0]!.from).toBe('portal@whatson.example.org');
    expect(received[0]!.to).toEqual(['focal.point@example.org']);
    expect(received[0]!.data).toContain('Subject: Confirm your email address for WhatsOn');
    expect(received[0]!.data).toContain('verify-email?token=abc');
  });
});
