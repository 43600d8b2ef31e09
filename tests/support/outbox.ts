// Reads the emails the portal wrote to its outbox folder (no SMTP configured).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OutboxMessage {
  file: string;
  to: string;
  subject: string;
  raw: string;
}

/** Undoes quoted-printable soft line breaks and =XX escapes. */
function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function readOutbox(folder: string): OutboxMessage[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.eml'))
    .sort()
    .map((file) => {
      const original = readFileSync(join(folder, file), 'utf8');
      // Only quoted-printable bodies may be decoded: a 7bit body can contain "=27" literally.
      const raw = /^Content-Transfer-Encoding: quoted-printable$/im.test(original) ? decodeQuotedPrintable(original) : original;
      return {
        file,
        raw,
        to: /^To: (.*)$/m.exec(raw)?.[1] ?? '',
        subject: /^Subject: (.*)$/m.exec(raw)?.[1] ?? '',
      };
    });
}

export function linkIn(message: OutboxMessage, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path.replace(/[/?]/g, '\\$&')}[^\\s]*`).exec(message.raw);
  if (!match) throw new Error(`no ${path} link in "${message.subject}"`);
  return match[0];
}
