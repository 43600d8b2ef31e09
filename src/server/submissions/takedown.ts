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

export const TAKEDOWN_ACTION = 'take-down';

export const takedownSchema = z.object({
  reason: z
    .string({ error: 'Write the reason: the organisation receives it by email, and it goes to the audit log.' })
    .trim()
    .min(1, 'Write the reason: the organisation receives it by email, and it goes to the audit log.')
    .max(2000, 'Use at most 2000 characters.'),
});

interface Recipient {
  email: string;
  name: string;
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
      return exists ? failure('conflict', 'Only published input can be taken down, and this input is not published.') : failure('not_found', 'There is no such written input.');
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
      .select(['email', 'name'])
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
  const link = new URL(`/submissions/${id}`, config().PUBLIC_ORIGIN).href;
  return {
    to: recipient.email,
    subject: `Your written input has been taken down: ${title}`,
    text:
      `Dear ${recipient.name},\n\n` +
      `The secretariat has taken down the written input "${title}" of ${organisationName}. ` +
      'It is no longer published on WhatsOn: it has left the archive, the topic and dialogue pages, the RSS feed and the sitemap.\n\n' +
      `Reason:\n${reason}\n\n` +
      `Signed in, your organisation can still read it:\n${link}\n\n` +
      'The UNODC Civil Society Unit',
  };
}
