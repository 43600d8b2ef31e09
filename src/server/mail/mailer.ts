// Sends email through SMTP when SMTP_URL is set; otherwise writes each message
// as an .eml file in OUTBOX_DIR and logs its subject and links, so every flow
// works on a fresh machine (and tests read the outbox).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '../config';

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

let transporter: Transporter | undefined;
let sequence = 0;

function smtpTransport(url: string): Transporter {
  transporter ??= nodemailer.createTransport(url);
  return transporter;
}

function outboxFileName(to: string): string {
  sequence += 1;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const recipient = to.replace(/[^a-z0-9@._-]/gi, '_');
  return `${stamp}-${process.pid}-${String(sequence).padStart(6, '0')}-${recipient}.eml`;
}

export async function sendMail(message: MailMessage): Promise<void> {
  const { SMTP_URL, MAIL_FROM, OUTBOX_DIR } = config();
  const envelope = { from: MAIL_FROM, ...message };
  if (SMTP_URL) {
    await smtpTransport(SMTP_URL).sendMail(envelope);
    return;
  }
  const rendered = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }).sendMail(envelope);
  await mkdir(OUTBOX_DIR, { recursive: true });
  const file = join(OUTBOX_DIR, outboxFileName(message.to));
  await writeFile(file, rendered.message as Buffer);
  const links = message.text.match(/https?:\/\/\S+/g) ?? [];
  console.log(`[whatson] mail to outbox: "${message.subject}" → ${file}${links.length ? ` (${links.join(' ')})` : ''}`);
}
