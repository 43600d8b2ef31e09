// The secretariat takes published input down, with a reason: it leaves the
// archive, the topic and dialogue pages, the RSS feed and the sitemap, its
// page answers 410 to the public, the organisation is emailed the reason,
// and the decision goes to the audit log. Its organisation and the
// secretariat can still read it. (Without this, input that turned out to be
// harmful, or that broke a feed, stayed published for good.)
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { z } from '../validation';
import { config } from '../config';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { recordDecision } from '../audit/audit-log';
import { deliverMailSoon, enqueueMail } from '../mail/outgoing-mail';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';
import { recordPublicDataChange } from '../public-cache/public-data-version';
import { zodKey } from '../../i18n/message';
import { mailText } from '../mail/mail-text';
import { localeUrl } from '../../i18n/paths';
import type { Locale } from '../../i18n/index';

export const TAKEDOWN_ACTION = 'take-down';

export const takedownSchema = z.object({
  reason: z
    .string({ error: zodKey('submission.takedownReasonMissing') })
    .trim()
    .min(1, zodKey('submission.takedownReasonMissing'))
    .max(2000, zodKey('validation.tooLong')),
});

interface Recipient {
  email: string;
  name: string;
  locale: Locale;
}

export async function takeDownSubmission(db: Kysely<Database>, actor: SessionUser | null, id: string, input: unknown, now = portalNow()): Promise<Result<{ state: 'taken-down' }>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const parsed = takedownSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { reason } = parsed.data;
  const stamp = now.toISOString();

  const outcome = await db.transaction().execute(async (trx) => {
    // The condition on the state is the guard: of two people taking the same input down at once, one decides.
    const taken = await trx
      .updateTable('submissions')
      .set({ state: 'taken-down', secretariat_note: reason, decided_at: stamp, decided_by: secretariat.value.id, updated_at: stamp })
      .where('id', '=', id)
      .where('state', '=', 'published')
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 0) {
      const exists = await trx.selectFrom('submissions').select('id').where('id', '=', id).executeTakeFirst();
      return exists ? failure('conflict', 'submission.notPublished') : failure('not_found', 'submission.noSuchInput');
    }
    const row = await trx
      .selectFrom('submissions')
      .innerJoin('organisations', 'organisations.id', 'submissions.organisation_id')
      .select(['submissions.title', 'submissions.author_id', 'submissions.organisation_id', 'submissions.published_at', 'organisations.name as organisationName'])
      .where('submissions.id', '=', id)
      .executeTakeFirstOrThrow();
    // The author and the focal point: whoever speaks for the organisation hears of it, even if the author has left.
    const recipients: Recipient[] = await trx
      .selectFrom('users')
      .select(['email', 'name', 'locale'])
      .where((eb) => eb.or([eb('id', '=', row.author_id), eb.and([eb('organisation_id', '=', row.organisation_id), eb('role', '=', 'focal-point')])]))
      .where('deleted_at', 'is', null)
      .orderBy('email')
      .execute();
    await recordDecision(
      trx,
      {
        actorUserId: secretariat.value.id,
        action: 'submission.taken-down',
        subjectType: 'submission',
        subjectId: id,
        reason,
        details: { title: row.title, organisationId: row.organisation_id, publishedAt: row.published_at },
      },
      now,
    );
    for (const recipient of recipients) await enqueueMail(trx, takedownMail(recipient, id, row.title, row.organisationName, reason));
    await recordPublicDataChange(trx);
    return success(recipients.length);
  });
  if (!outcome.ok) return outcome;
  await deliverMailSoon(db);
  return success({ state: 'taken-down' });
}

function takedownMail(recipient: Recipient, id: string, title: string, organisationName: string, reason: string) {
  const link = localeUrl(recipient.locale, `/submissions/${id}`, config().PUBLIC_ORIGIN);
  return { to: recipient.email, ...mailText(recipient.locale, 'takenDown', { name: recipient.name, title, organisation: organisationName, reason, link }) };
}
