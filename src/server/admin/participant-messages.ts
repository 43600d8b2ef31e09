// The secretariat writes to an event's participants (approved, waitlisted, or
// everyone with an active application): a room change, logistics. The message
// is kept with the event, and one email per person goes through the outbox in
// the same transaction. Each person is written to once: recipients are
// distinct addresses, and the same message sent again within ten minutes (a
// double click, a reload) is recognised and not sent twice.
import type { Kysely } from 'kysely';
import { z } from '../validation';
import { PARTICIPANT_AUDIENCES, type Database, type ParticipantAudience } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { generateId } from '../auth/tokens';
import { recordDecision } from '../audit/audit-log';
import { config } from '../config';
import { portalNow } from '../clock';
import { eventPath, type PortalEvent } from '../events/portal-event';
import { deliverMailSoon, enqueueMail } from '../mail/outgoing-mail';
import { eventKey } from '../registrations/application-window';
import { lockEvent } from '../registrations/seats';
import { invalid, issuesFromZod, success, type Result } from '../result';
import type { RegistrationState } from '../db/schema';
import type { Locale } from '../../i18n/index';
import { formatTimeRange, zoneName } from '../../i18n/format';
import { localeUrl } from '../../i18n/paths';
import { say } from '../mail/mail-text';
import { contentIn } from '../translations/content-text';

const STATES_OF: Record<ParticipantAudience, RegistrationState[]> = { approved: ['approved'], waitlisted: ['waitlisted'], all: ['pending', 'approved', 'waitlisted'] };
const REPEAT_WINDOW_MS = 10 * 60_000;

export const participantMessageSchema = z.object({
  audience: z.enum(PARTICIPANT_AUDIENCES, { error: 'Choose who receives the message.' }),
  subject: z.string({ error: 'Write a subject.' }).trim().min(1, 'Write a subject.').max(200, 'Use at most 200 characters.'),
  body: z.string({ error: 'Write the message.' }).trim().min(1, 'Write the message.').max(10_000, 'Use at most 10000 characters.'),
});

export interface SentMessage {
  id: string;
  audience: ParticipantAudience;
  subject: string;
  body: string;
  sentBy: string | null;
  sentAt: string;
  recipients: number;
  /** True when this was the same message sent moments before: nothing was sent again. */
  repeated: boolean;
}

export async function sendParticipantMessage(db: Kysely<Database>, actor: SessionUser | null, event: PortalEvent, input: unknown, now = portalNow()): Promise<Result<SentMessage>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const parsed = participantMessageSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { audience, subject, body } = parsed.data;
  const key = eventKey(event);
  const sent = await db.transaction().execute(async (trx) => {
    // Two submits of one form queue up here, so the second sees the first.
    await lockEvent(trx, key);
    const earlier = await trx
      .selectFrom('participant_messages')
      .selectAll()
      .where('event_key', '=', key)
      .where('audience', '=', audience)
      .where('subject', '=', subject)
      .where('body', '=', body)
      .where('sent_at', '>', new Date(now.getTime() - REPEAT_WINDOW_MS).toISOString())
      .executeTakeFirst();
    if (earlier) return { ...toSent(earlier), repeated: true };
    const people = await trx
      .selectFrom('registrations')
      .innerJoin('users', 'users.id', 'registrations.user_id')
      .select(['users.email', 'users.name', 'users.locale', 'registrations.state'])
      .where('registrations.event_key', '=', key)
      .where('registrations.state', 'in', STATES_OF[audience])
      .where('users.deleted_at', 'is', null)
      .orderBy('users.email')
      .execute();
    const recipients = new Map(people.map((person) => [person.email.toLowerCase(), person]));
    const row = { id: generateId(), event_key: key, audience, subject, body, sent_by: secretariat.value.id, sent_at: now.toISOString(), recipients: recipients.size };
    await trx.insertInto('participant_messages').values(row).execute();
    for (const person of recipients.values()) await enqueueMail(trx, participantMail(person, event, subject, body));
    await recordDecision(trx, { actorUserId: secretariat.value.id, action: 'event.message-sent', subjectType: 'event', subjectId: key, reason: null, details: { audience, subject, recipients: recipients.size } }, now);
    return { ...toSent(row), repeated: false };
  });
  if (!sent.repeated) await deliverMailSoon(db);
  return success(sent);
}

function toSent(row: Database['participant_messages']): Omit<SentMessage, 'repeated'> {
  return { id: row.id, audience: row.audience, subject: row.subject, body: row.body, sentBy: row.sent_by, sentAt: row.sent_at, recipients: row.recipients };
}

/**
 * The email in the recipient's language: the frame (subject line, greeting,
 * the event, why they get it, the signature) from the catalogue, the time in
 * their locale, links to their language's pages. The secretariat's subject
 * and text go as written: the portal does not translate them.
 */
function participantMail(person: { email: string; name: string; locale: Locale; state: RegistrationState }, event: PortalEvent, subject: string, body: string) {
  const { locale } = person;
  const origin = config().PUBLIC_ORIGIN;
  const title = contentIn(event, locale).title;
  return {
    to: person.email,
    subject: say(locale, 'mail.participants.subject', { title, subject }),
    text: say(locale, 'mail.participants.body', {
      name: person.name,
      body,
      title,
      when: `${formatTimeRange(event.start, event.end, event.timeZone, locale)} (${zoneName(event.start, event.timeZone, locale)})`,
      link: localeUrl(locale, eventPath(event), origin),
      why: say(locale, person.state === 'approved' ? 'mail.participants.why.approved' : person.state === 'waitlisted' ? 'mail.participants.why.waitlisted' : 'mail.participants.why.pending'),
      registrations: localeUrl(locale, '/account/registrations', origin),
      signature: say(locale, 'mail.signature'),
    }),
  };
}

/** What was written to the event's participants, newest first, with who sent it. */
export async function listParticipantMessages(db: Kysely<Database>, actor: SessionUser | null, event: PortalEvent): Promise<Result<(Omit<SentMessage, 'repeated'> & { sentByName: string | null })[]>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const rows = await db
    .selectFrom('participant_messages')
    .leftJoin('users', 'users.id', 'participant_messages.sent_by')
    .selectAll('participant_messages')
    .select('users.name as sent_by_name')
    .where('participant_messages.event_key', '=', eventKey(event))
    .orderBy('participant_messages.sent_at', 'desc')
    .execute();
  return success(rows.map((row) => ({ ...toSent(row), sentByName: row.sent_by_name })));
}
