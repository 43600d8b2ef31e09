// Reads the emails the portal wrote to its outbox folder (no SMTP configured).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export interface OutboxMessage {
  folder: string;
  file: string;
  to: string;
  subject: string;
  /** The subject as the reader sees it (decoded, in any language). */
  subjectText: string;
  raw: string;
}

/** Undoes quoted-printable soft line breaks and =XX escapes; the escaped bytes are UTF-8. */
function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replaceAll('=', ''), 'hex').toString('utf8'));
}

/** A header's text: folded lines joined, RFC 2047 encoded words ("=?UTF-8?Q?…?=") decoded. */
function headerText(raw: string, name: string): string {
  const folded = new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'm').exec(raw)?.[1] ?? '';
  return folded
    // Whitespace between two encoded words, folded or not, is not part of the text (RFC 2047, section 6.2).
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replaceAll('_', ' ')),
    );
}

export function readOutbox(folder: string): OutboxMessage[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.eml'))
    .sort()
    .map((file) => {
      const original = readFileSync(join(folder, file), 'utf8');
      // Only quoted-printable bodies may be decoded: a 7bit body can contain "=27" literally, and so can a
      // header (a signed link's "=2B"), which is why the headers are left as they are.
      const split = /\r?\n\r?\n/.exec(original);
      const [head, body] = split ? [original.slice(0, split.index + split[0].length), original.slice(split.index + split[0].length)] : [original, ''];
      const raw = /^Content-Transfer-Encoding: quoted-printable$/im.test(original) ? head + decodeQuotedPrintable(body) : original;
      return {
        folder,
        file,
        raw,
        to: /^To: (.*)$/m.exec(raw)?.[1] ?? '',
        subject: /^Subject: (.*)$/m.exec(raw)?.[1] ?? '',
        subjectText: headerText(original, 'Subject'),
      };
    });
}

/**
 * How long a test waits for an email. A request waits at most 2 s for the email it
 * queued; on a busy machine the mail worker delivers it after the answer.
 */
export const MAIL_TIMEOUT_MS = 15_000;

/**
 * The messages of `folder` that `match`, once there are at least `count` of them
 * (or all there are after `timeoutMs`): mail is delivered just after the request
 * that queued it, so a test waits for it.
 */
export async function waitForMail(folder: string, match: (message: OutboxMessage) => boolean, count = 1, timeoutMs = MAIL_TIMEOUT_MS): Promise<OutboxMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readOutbox(folder).filter(match);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The last message of `folder` that `match`es, once one is there; an error if none came within 15 s. */
export async function awaitMail(folder: string, match: (message: OutboxMessage) => boolean): Promise<OutboxMessage> {
  const mail = (await waitForMail(folder, match)).at(-1);
  if (!mail) {
    const latest = readOutbox(folder).slice(-5).map((message) => `${message.to}: ${message.subjectText}`);
    throw new Error(`no mail matching ${String(match)} within ${MAIL_TIMEOUT_MS / 1000} s; the latest in the outbox: ${latest.join(' | ') || 'none'}`);
  }
  return mail;
}

/** The last email to `to` whose subject starts with `subject` (the whole subject, for an exact one), once it is delivered. */
export function mailTo(folder: string, to: string, subject: string): Promise<OutboxMessage> {
  return awaitMail(folder, (message) => message.to === to && message.subjectText.startsWith(subject));
}

export function linkIn(message: OutboxMessage, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path.replace(/[/?]/g, '\\$&')}[^\\s]*`).exec(message.raw);
  if (!match) throw new Error(`no ${path} link in "${message.subject}"`);
  return match[0];
}

/** The text/calendar attachments of a message, decoded. */
export function calendarAttachments(message: OutboxMessage): string[] {
  const raw = readFileSync(join(message.folder, message.file), 'utf8');
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(raw)?.[1];
  if (!boundary) return [];
  return raw
    .split(`--${boundary}`)
    .filter((part) => /Content-Type: text\/calendar/i.test(part))
    .map((part) => {
      const [headers, ...body] = part.split(/\r?\n\r?\n/);
      const content = body.join('\n\n').trim();
      if (/Content-Transfer-Encoding: base64/i.test(headers!)) return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (/Content-Transfer-Encoding: quoted-printable/i.test(headers!)) return decodeQuotedPrintable(content);
      return content;
    });
}

/**
 * A fresh outbox folder for the calling test file, removed after it. Called
 * at the top of the file: the mailer reads OUTBOX_DIR on first use, later.
 */
export function useTemporaryOutbox(): string {
  const folder = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
  process.env.OUTBOX_DIR = folder;
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}
