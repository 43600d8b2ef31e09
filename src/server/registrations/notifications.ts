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
import { mailText, say } from '../mail/mail-text';
import { localeUrl } from '../../i18n/paths';
import type { Locale } from '../../i18n/index';
import type { ParticipationMode } from '../db/schema';

export type RegistrationNotice = 'received' | 'approved' | 'waitlisted' | 'promoted' | 'rejected' | 'withdrawn';

type NoticeDetails = { position?: number; reason?: string | null; waitReason?: WaitReason };

/** The real reason someone waits: the places of their mode, their organisation's maximum, or both. */
function waitingBecause(locale: Locale, details: NoticeDetails, mode: ParticipationMode, maxPerOrganisation: number | undefined): string {
  const position = details.position ? say(locale, 'mail.waiting.position', { position: details.position }) : '';
  const count = maxPerOrganisation ?? 0;
  switch (details.waitReason) {
    case 'organisation-limit':
      return say(locale, 'mail.waiting.organisationLimit', { count });
    case 'places-taken-and-organisation-limit':
      return say(locale, `mail.waiting.both.${mode}`, { count, position });
    default:
      return say(locale, `mail.waiting.placesTaken.${mode}`, { position });
  }
}

function body(locale: Locale, notice: RegistrationNotice, details: NoticeDetails, mode: ParticipationMode, maxPerOrganisation: number | undefined): string {
  if (notice === 'waitlisted') return waitingBecause(locale, details, mode, maxPerOrganisation);
  if (notice === 'rejected') return say(locale, 'mail.registration.rejectedText', { why: details.reason ? `\n\n${say(locale, 'mail.reasonGiven', { reason: details.reason })}` : '' });
  return say(locale, `mail.registration.${notice}Text`);
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
  locale: Locale,
): Promise<MailAttachment> {
  const version = await syncEventVersion(db, event);
  const content = eventInvitation(event, method, {
    version,
    origin: config().PUBLIC_ORIGIN,
    organizer: mailbox(config().MAIL_FROM),
    attendee,
    sequenceOffset: method === 'CANCEL' ? 1 : 0,
    locale,
  });
  return { filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content, contentType: `text/calendar; charset=utf-8; method=${method}` };
}

/** Who a notice goes to, and how they take part. */
export interface Recipient {
  email: string;
  name: string;
  locale: Locale;
  deleted_at?: string | null;
  mode: ParticipationMode;
}

function recipientOf(trx: Kysely<Database>, registrationId: string): Promise<Recipient | undefined> {
  return trx
    .selectFrom('registrations')
    .innerJoin('users', 'users.id', 'registrations.user_id')
    .select(['users.email', 'users.name', 'users.locale', 'users.deleted_at', 'registrations.mode'])
    .where('registrations.id', '=', registrationId)
    .executeTakeFirst();
}

/**
 * Queues the notice in the transaction that changed the registration (see
 * outgoing-mail.ts); the caller delivers after the commit. `known`: the
 * recipient as the caller read them in this transaction, which spares reading
 * them again.
 */
export async function notifyRegistration(
  trx: Kysely<Database>,
  registrationId: string,
  event: PortalEvent,
  notice: RegistrationNotice,
  details: NoticeDetails & { /** The registration had a confirmed place before this notice. */ wasApproved?: boolean } = {},
  known?: Recipient,
): Promise<void> {
  const person = known ?? (await recipientOf(trx, registrationId));
  if (!person || person.deleted_at) return;
  const { locale } = person;
  const when = `${formatTimeRange(event.start, event.end, event.timeZone, locale)} (${zoneName(event.start, event.timeZone, locale)})`;
  const attendee = { name: person.name, email: person.email };
  const method = notice === 'approved' || notice === 'promoted' ? 'REQUEST' : details.wasApproved ? 'CANCEL' : undefined;
  await enqueueMail(trx, {
    attachments: method ? [await calendarAttachment(trx, event, method, attendee, locale)] : undefined,
    to: person.email,
    ...mailText(locale, 'registration', {
      notice: say(locale, `mail.registration.${notice}`),
      title: event.title,
      name: person.name,
      what: body(locale, notice, details, person.mode, event.registration?.maxPerOrganisation),
      when,
      taking: say(locale, `mail.registration.takingPart.${person.mode}`),
      link: localeUrl(locale, eventPath(event), config().PUBLIC_ORIGIN),
      registrations: localeUrl(locale, '/account/registrations', config().PUBLIC_ORIGIN),
    }),
  });
}
