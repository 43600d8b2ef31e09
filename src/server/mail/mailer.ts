// Delivers one email from the outgoing mail queue: through SMTP when SMTP_URL
// is set; otherwise as an .eml file in OUTBOX_DIR whose subject and links are
// logged, so every flow works on a fresh machine (and tests read the outbox).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '../config';
import { logLine } from '../http/log-line';

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
  /** Extra headers, such as a digest's List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
}

/** A message taken from the queue: its id names it wherever it goes, so delivering it twice changes nothing. */
export interface QueuedMail extends MailMessage {
  id: string;
}

let transporter: Transporter | undefined;

function smtpTransport(url: string): Transporter {
  // A mail server that stops answering must not hold a delivery (and its claim) for nodemailer's default ten minutes.
  transporter ??= nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return transporter;
}

/** Renders messages for the outbox folder: one for the process, as the SMTP transport is. */
let outboxWriter: Transporter | undefined;
/** Each outbox folder is created once per process, not once per message (an operation in libuv's pool each time). */
const outboxFolders = new Map<string, Promise<unknown>>();

function outboxFolder(dir: string): Promise<unknown> {
  let made = outboxFolders.get(dir);
  if (!made) {
    made = mkdir(dir, { recursive: true });
    outboxFolders.set(dir, made);
    // A failure is tried again by the next message.
    made.catch(() => outboxFolders.delete(dir));
  }
  return made;
}

function messageId(id: string): string {
  return `<${id}@${new URL(config().PUBLIC_ORIGIN).hostname}>`;
}

/** Sorted by name, the outbox lists messages in the order they were queued. */
export function outboxFileName(message: QueuedMail): string {
  return `${message.id}-${message.to.replace(/[^a-z0-9@._-]/gi, '_')}.eml`;
}

export async function deliverMail(message: QueuedMail): Promise<void> {
  const { SMTP_URL, MAIL_FROM, OUTBOX_DIR } = config();
  const { id, ...content } = message;
  const envelope = { from: MAIL_FROM, messageId: messageId(id), ...content };
  if (SMTP_URL) {
    await smtpTransport(SMTP_URL).sendMail(envelope);
    return;
  }
  outboxWriter ??= nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const rendered = await outboxWriter.sendMail(envelope);
  await outboxFolder(OUTBOX_DIR);
  const file = join(OUTBOX_DIR, outboxFileName(message));
  // Written aside and renamed: a crash mid-write leaves no half message, and a second delivery replaces the first.
  const partial = `${file}.${process.pid}.partial`;
  try {
    await writeFile(partial, rendered.message as Buffer);
  } catch (error) {
    // The folder was removed since it was made (by hand, or a test's clean-up): made again.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    outboxFolders.delete(OUTBOX_DIR);
    await outboxFolder(OUTBOX_DIR);
    await writeFile(partial, rendered.message as Buffer);
  }
  await rename(partial, file);
  const links = message.text.match(/https?:\/\/\S+/g) ?? [];
  // The subject may quote what someone typed (a name, a title): escaped, so it cannot write lines of its own.
  console.log(`[whatson] mail to outbox: ${logLine({ subject: message.subject, file, links })}`);
}
