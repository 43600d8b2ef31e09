// Delivers one email from the outgoing mail queue: through SMTP when SMTP_URL
// is set; otherwise as an .eml file in OUTBOX_DIR whose subject and links are
// logged, so every flow works on a fresh machine (and tests read the outbox).
// Either way the message is rendered and handed over on the mail delivery
// thread (delivery-thread.ts), not on the thread that answers requests.
import { join } from 'node:path';
import { config } from '../config';
import { logLine } from '../http/log-line';
import { handOver } from './delivery-thread';

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
  if (SMTP_URL) return handOver({ via: 'smtp', url: SMTP_URL, envelope });
  const file = join(OUTBOX_DIR, outboxFileName(message));
  await handOver({ via: 'outbox', folder: OUTBOX_DIR, file, envelope });
  const links = message.text.match(/https?:\/\/\S+/g) ?? [];
  // The subject may quote what someone typed (a name, a title): escaped, so it cannot write lines of its own.
  console.log(`[whatson] mail to outbox: ${logLine({ subject: message.subject, file, links })}`);
}
