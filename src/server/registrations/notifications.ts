// The emails a registration sends as its state changes.
import type { Kysely } from 'kysely';
import { config } from '../config';
import type { Database } from '../db/schema';
import { eventPath, type PortalEvent } from '../events/portal-event';
import { formatTimeRange, zoneName } from '../../i18n/format';
import { sendMail } from '../mail/mailer';

export type RegistrationNotice = 'received' | 'approved' | 'waitlisted' | 'promoted' | 'rejected' | 'withdrawn';

const SUBJECTS: Record<RegistrationNotice, string> = {
  received: 'Application received',
  approved: 'Your place is confirmed',
  waitlisted: 'You are on the waitlist',
  promoted: 'A place became free: you are in',
  rejected: 'Your application was not approved',
  withdrawn: 'Your registration is withdrawn',
};

function body(notice: RegistrationNotice, details: { position?: number; reason?: string | null }): string {
  switch (notice) {
    case 'received':
      return 'We have received your application. The secretariat reviews applications and will write to you with its decision.';
    case 'approved':
      return 'Your place is confirmed. Online participants receive the joining details before the event.';
    case 'waitlisted':
      return `All places are taken for now, so you are on the waitlist${details.position ? ` at position ${details.position}` : ''}. If a place becomes free, you move up automatically and we write to you.`;
    case 'promoted':
      return 'A place became free and it is now yours: your registration is approved.';
    case 'rejected':
      return `Your application could not be approved.${details.reason ? `\n\nReason given by the secretariat: ${details.reason}` : ''}`;
    case 'withdrawn':
      return 'Your registration has been withdrawn. If this was a mistake, apply again while applications are open.';
  }
}

export async function notifyRegistration(
  db: Kysely<Database>,
  registrationId: string,
  event: PortalEvent,
  notice: RegistrationNotice,
  details: { position?: number; reason?: string | null } = {},
): Promise<void> {
  const person = await db
    .selectFrom('registrations')
    .innerJoin('users', 'users.id', 'registrations.user_id')
    .select(['users.email', 'users.name', 'users.deleted_at', 'registrations.mode'])
    .where('registrations.id', '=', registrationId)
    .executeTakeFirst();
  if (!person || person.deleted_at) return;
  const when = `${formatTimeRange(event.start, event.end, event.timeZone, 'en')} (${zoneName(event.start, event.timeZone, 'en')})`;
  const link = new URL(eventPath(event), config().PUBLIC_ORIGIN).href;
  await sendMail({
    to: person.email,
    subject: `${SUBJECTS[notice]}: ${event.title}`,
    text: `Dear ${person.name},\n\n${body(notice, details)}\n\n${event.title}\n${when}\nTaking part: ${person.mode === 'online' ? 'online' : 'in person'}\n${link}\n\nYour registrations: ${new URL('/account/registrations', config().PUBLIC_ORIGIN).href}\n\nThe UNODC Civil Society Unit`,
  });
}
