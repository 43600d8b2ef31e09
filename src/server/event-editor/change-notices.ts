// People with an active registration are told when what they planned around
// changes: the time, the place, the format or whether it happens. One email
// each, written in the transaction of the change (outbox), with the event as
// an iTIP invitation at the event's new calendar SEQUENCE, the same the feeds
// show: METHOD:REQUEST to update it, METHOD:CANCEL when it is cancelled.
import type { Kysely } from 'kysely';
import { config } from '../config';
import type { Database } from '../db/schema';
import { eventPath, type PortalEvent } from '../events/portal-event';
import { formatTimeRange, zoneName } from '../../i18n/format';
import { enqueueMail } from '../mail/outgoing-mail';
import { eventInvitation, eventLocation } from '../calendar/event-ics';
import type { EventVersion } from '../calendar/event-versions';
import { ACTIVE_STATES } from '../registrations/seats';
import { say } from '../mail/mail-text';
import { localeUrl } from '../../i18n/paths';

export type ChangeNotice = 'update' | 'cancel';

/** Whether a change from `previous` (what the public saw) to `next` is one registrants must hear of. */
export function changeNoticeFor(previous: PortalEvent | undefined, next: PortalEvent): ChangeNotice | undefined {
  if (!previous) return undefined;
  if (next.status === 'cancelled') return previous.status === 'cancelled' ? undefined : 'cancel';
  const moved =
    previous.start.getTime() !== next.start.getTime() ||
    previous.end.getTime() !== next.end.getTime() ||
    previous.timeZone !== next.timeZone ||
    previous.format !== next.format ||
    previous.status !== next.status ||
    JSON.stringify(previous.venue ?? null) !== JSON.stringify(next.venue ?? null);
  return moved ? 'update' : undefined;
}

function activeRegistrants(db: Kysely<Database>, key: string) {
  return db
    .selectFrom('registrations')
    .innerJoin('users', 'users.id', 'registrations.user_id')
    .where('registrations.event_key', '=', key)
    .where('registrations.state', 'in', ACTIVE_STATES)
    .where('users.deleted_at', 'is', null);
}

/** How many people a change would be told, for the editor to say before saving. */
export async function countPeopleToTell(db: Kysely<Database>, key: string): Promise<number> {
  const row = await activeRegistrants(db, key).select((eb) => eb.fn.countAll().as('count')).executeTakeFirst();
  return Number(row?.count ?? 0);
}

function mailbox(address: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(address);
  return match ? { name: match[1] || match[2]!, email: match[2]! } : { name: address, email: address };
}

/** Writes one email per active registrant into the outbox; returns how many. */
export async function enqueueChangeNotices(trx: Kysely<Database>, key: string, event: PortalEvent, notice: ChangeNotice, version: EventVersion): Promise<number> {
  const people = await activeRegistrants(trx, key).select(['users.email', 'users.name', 'users.locale']).orderBy('registrations.queue_number').execute();
  const { PUBLIC_ORIGIN, MAIL_FROM } = config();
  const method = notice === 'cancel' ? 'CANCEL' : 'REQUEST';
  for (const person of people) {
    const { locale } = person;
    const content = eventInvitation(event, method, { version, origin: PUBLIC_ORIGIN, organizer: mailbox(MAIL_FROM), attendee: { name: person.name, email: person.email }, locale });
    const when = `${formatTimeRange(event.start, event.end, event.timeZone, locale)} (${zoneName(event.start, event.timeZone, locale)})`;
    const postponed = event.status === 'postponed' ? `\n${say(locale, 'mail.change.postponed')}${event.statusNote ? `: ${event.statusNote}` : ''}` : '';
    const what =
      notice === 'cancel'
        ? say(locale, 'mail.change.cancelled.text', { note: event.statusNote ? `\n\n${event.statusNote}` : '' })
        : say(locale, 'mail.change.changed.text', { when, where: eventLocation(event, locale), postponed });
    await enqueueMail(trx, {
      to: person.email,
      subject: say(locale, notice === 'cancel' ? 'mail.change.cancelled.subject' : 'mail.change.changed.subject', { title: event.title }),
      text: say(locale, 'mail.change.body', {
        name: person.name,
        what,
        title: event.title,
        link: localeUrl(locale, eventPath(event), PUBLIC_ORIGIN),
        registrations: localeUrl(locale, '/account/registrations', PUBLIC_ORIGIN),
        signature: say(locale, 'mail.signature'),
      }),
      attachments: [{ filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content, contentType: `text/calendar; charset=utf-8; method=${method}` }],
    });
  }
  return people.length;
}
