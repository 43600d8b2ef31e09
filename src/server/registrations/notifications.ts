// The emails a registration sends as its state changes.
import type { Kysely } from 'kysely';
import { config } from '../config';
import type { Database } from '../db/schema';
import { eventPath, type PortalEvent } from '../events/portal-event';
import { formatTimeRange, zoneName } from '../../i18n/format';
import type { MailAttachment } from '../mail/mailer';
import { enqueueMail } from '../mail/outgoing-mail';
import { eventInvitation } from '../calendar/event-ics';
import { syncEventVersion } from '../calendar/event-versions';
import type { WaitReason } from './seats';

export type RegistrationNotice = 'received' | 'approved' | 'waitlisted' | 'promoted' | 'rejected' | 'withdrawn';

const SUBJECTS: Record<RegistrationNotice, string> = {
  received: 'Application received',
  approved: 'Your place is confirmed',
  waitlisted: 'You are on the waitlist',
  promoted: 'A place became free: you are in',
  rejected: 'Your application was not approved',
  withdrawn: 'Your registration is withdrawn',
};

type NoticeDetails = { position?: number; reason?: string | null; waitReason?: WaitReason };

/** The real reason someone waits: the places of their mode, their organisation's maximum, or both. */
function waitingBecause(details: NoticeDetails, mode: string, maxPerOrganisation: number | undefined): string {
  const places = `All ${mode === 'online' ? 'online' : 'in-person'} places are taken for now`;
  const organisation = `your organisation already has its maximum of ${maxPerOrganisation} places at this event`;
  const position = details.position ? ` at position ${details.position}` : '';
  switch (details.waitReason) {
    case 'organisation-limit':
      return `Places are still free, but ${organisation}, so you are on the waitlist. If one of your organisation's places is freed, you move up automatically and we write to you.`;
    case 'places-taken-and-organisation-limit':
      return `${places} and ${organisation}, so you are on the waitlist${position}. When a place is free and your organisation is below its maximum, you move up automatically and we write to you.`;
    default:
      return `${places}, so you are on the waitlist${position}. If a place becomes free, you move up automatically and we write to you.`;
  }
}

function body(notice: RegistrationNotice, details: NoticeDetails, mode: string, maxPerOrganisation: number | undefined): string {
  switch (notice) {
    case 'received':
      return 'We have received your application. The secretariat reviews applications and will write to you with its decision.';
    case 'approved':
      return 'Your place is confirmed. Online participants receive the joining details before the event.';
    case 'waitlisted':
      return waitingBecause(details, mode, maxPerOrganisation);
    case 'promoted':
      return 'A place became free and it is now yours: your registration is approved.';
    case 'rejected':
      return `Your application could not be approved.${details.reason ? `\n\nReason given by the secretariat: ${details.reason}` : ''}`;
    case 'withdrawn':
      return 'Your registration has been withdrawn. If this was a mistake, apply again while applications are open.';
  }
}

/** "WhatsOn <no-reply@…>" → its parts, for the invitation's ORGANIZER. */
function mailbox(address: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(address);
  return match ? { name: match[1] || match[2]!, email: match[2]! } : { name: address, email: address };
}

/**
 * A confirmed place comes with the event as an invitation (METHOD:REQUEST);
 * giving up a confirmed place cancels it (METHOD:CANCEL, one sequence higher,
 * same UID as the feeds), so the entry leaves the person's calendar.
 */
async function calendarAttachment(
  db: Kysely<Database>,
  event: PortalEvent,
  method: 'REQUEST' | 'CANCEL',
  attendee: { name: string; email: string },
): Promise<MailAttachment> {
  const version = await syncEventVersion(db, event);
  const content = eventInvitation(event, method, {
    version,
    origin: config().PUBLIC_ORIGIN,
    organizer: mailbox(config().MAIL_FROM),
    attendee,
    sequenceOffset: method === 'CANCEL' ? 1 : 0,
  });
  return { filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content, contentType: `text/calendar; charset=utf-8; method=${method}` };
}

/** Queues the notice in the transaction that changed the registration (see outgoing-mail.ts); the caller delivers after the commit. */
export async function notifyRegistration(
  trx: Kysely<Database>,
  registrationId: string,
  event: PortalEvent,
  notice: RegistrationNotice,
  details: NoticeDetails & { /** The registration had a confirmed place before this notice. */ wasApproved?: boolean } = {},
): Promise<void> {
  const person = await trx
    .selectFrom('registrations')
    .innerJoin('users', 'users.id', 'registrations.user_id')
    .select(['users.email', 'users.name', 'users.deleted_at', 'registrations.mode'])
    .where('registrations.id', '=', registrationId)
    .executeTakeFirst();
  if (!person || person.deleted_at) return;
  const when = `${formatTimeRange(event.start, event.end, event.timeZone, 'en')} (${zoneName(event.start, event.timeZone, 'en')})`;
  const link = new URL(eventPath(event), config().PUBLIC_ORIGIN).href;
  const attendee = { name: person.name, email: person.email };
  const method = notice === 'approved' || notice === 'promoted' ? 'REQUEST' : details.wasApproved ? 'CANCEL' : undefined;
  await enqueueMail(trx, {
    attachments: method ? [await calendarAttachment(trx, event, method, attendee)] : undefined,
    to: person.email,
    subject: `${SUBJECTS[notice]}: ${event.title}`,
    text: `Dear ${person.name},\n\n${body(notice, details, person.mode, event.registration?.maxPerOrganisation)}\n\n${event.title}\n${when}\nTaking part: ${person.mode === 'online' ? 'online' : 'in person'}\n${link}\n\nYour registrations: ${new URL('/account/registrations', config().PUBLIC_ORIGIN).href}\n\nThe UNODC Civil Society Unit`,
  });
}
