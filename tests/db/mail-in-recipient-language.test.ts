// Emails the secretariat and the digest job write to many people at once go
// to each person in their own language (users.locale): the fixed text from
// the catalogue, dates through Intl in that locale, links to that language's
// pages. The secretariat's own words go as written. Both databases.
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import type { SessionUser } from '../../src/server/auth/sessions';
import type { Locale } from '../../src/i18n/index';
import { message, type MessageKey, type MessageParams } from '../../src/i18n/message';
import { translate } from '../../src/i18n/translate';
import { formatDay, formatList, formatTimeRange, zoneName } from '../../src/i18n/format';
import { localeUrl } from '../../src/i18n/paths';
import { config } from '../../src/server/config';
import { eventPath } from '../../src/server/events/portal-event';
import { sendParticipantMessage } from '../../src/server/admin/participant-messages';
import { chooseTopicDigest, unsubscribeBySignedLink, unsubscribeUrl } from '../../src/server/digests/digest-preferences';
import { recordFirstSeen, sendDueDigests } from '../../src/server/digests/send-digests';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { portalEvent, TOPIC_SLUGS, TOPIC_TITLES } from '../support/event-fixtures';
import { createMember } from '../support/members';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOutbox, useTemporaryOutbox, waitForMail } from '../support/outbox';
import { seedPerson, seedRegistration } from '../support/workspace-seeds';

const outbox = useTemporaryOutbox();
const say = (locale: Locale, key: MessageKey, params?: MessageParams) => translate(locale, message(key, params));

const dialogue = portalEvent('2027-04-firearms', { title: 'Firearms dialogue', start: '2027-04-10T10:00', end: '2027-04-10T18:00' });
const KEY = 'dialogues/2027-04-firearms';
const NOW = new Date('2027-03-01T09:00:00Z');

// The week of Monday 1 March 2027; its digest is due from Monday 8 March.
const MONDAY_AFTER = new Date('2027-03-08T06:00:00Z');
const fresh = portalEvent('2027-05-firearms-new', { title: 'New firearms workshop', start: '2027-05-10T10:00', end: '2027-05-10T12:00' }, 'events');
const callOpened = portalEvent('2027-06-firearms-dialogue', {
  title: 'Dialogue on firearms tracing',
  start: '2027-06-10T10:00',
  end: '2027-06-10T18:00',
  callForInput: { opens: '2027-03-02T09:00', closes: '2027-04-30T23:59', questions: ['What works?'], wordLimit: 500 },
});

describe.each(DIALECTS)('emails in each recipient’s language on %s', (dialect) => {
  let handle: DatabaseHandle;
  let secretariat: SessionUser;
  useMigratedDatabase(dialect, async (opened) => {
    handle = opened;
    secretariat = await createMember(opened.db, null, 'secretariat');
  });

  async function speaking(person: SessionUser, locale: Locale): Promise<SessionUser> {
    await handle.db.updateTable('users').set({ locale }).where('id', '=', person.id).execute();
    return person;
  }

  /** What reached a person's mailbox (the outbox folder): the subject as read, the text with plain line ends, the headers as sent. */
  async function delivered(recipient: string) {
    await waitForMail(outbox, (mail) => mail.to === recipient);
    // Anything queued for them has been delivered by now: one pass of the queue delivers all.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return readOutbox(outbox)
      .filter((mail) => mail.to === recipient)
      .map((mail) => {
        const original = readFileSync(join(mail.folder, mail.file), 'utf8').replace(/\r\n/g, '\n');
        // A long header may be folded, even before its value.
        const header = (name: string) => new RegExp(`^${name}:(.*(?:\n[ \t].*)*)`, 'm').exec(original)?.[1]?.replace(/\n[ \t]+/g, ' ').trim();
        const text = mail.raw.replace(/\r\n/g, '\n').split('\n\n').slice(1).join('\n\n');
        // Mostly non-Latin text (Arabic) goes base64.
        const body = header('Content-Transfer-Encoding') === 'base64' ? Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8') : text;
        return { subject: mail.subjectText, body, header };
      });
  }

  it('writes the secretariat’s message to each participant once, framed in their language, the message as written', async () => {
    const { person: french, organisationId } = await seedPerson(handle.db, { name: 'Organisation A' });
    const { person: arabic, organisationId: other } = await seedPerson(handle.db, { name: 'Organisation B' });
    await speaking(french, 'fr');
    await speaking(arabic, 'ar');
    await seedRegistration(handle.db, { eventKey: KEY, person: french, organisationId, state: 'approved' });
    await seedRegistration(handle.db, { eventKey: KEY, person: arabic, organisationId: other, state: 'waitlisted' });
    const input = { audience: 'all', subject: 'Room change', body: 'We meet in Boardroom B.\nBring your badge.' };
    expect(await sendParticipantMessage(handle.db, secretariat, dialogue, input, NOW)).toMatchObject({ ok: true, value: { recipients: 2 } });

    const cases: [SessionUser, Locale, MessageKey][] = [[french, 'fr', 'mail.participants.why.approved'], [arabic, 'ar', 'mail.participants.why.waitlisted']];
    for (const [person, locale, why] of cases) {
      const mails = await delivered(person.email);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail!.subject).toBe(say(locale, 'mail.participants.subject', { title: dialogue.title, subject: 'Room change' }));
      const origin = config().PUBLIC_ORIGIN;
      expect(mail!.body.trimEnd()).toBe(
        say(locale, 'mail.participants.body', {
          name: person.name,
          body: 'We meet in Boardroom B.\nBring your badge.',
          title: dialogue.title,
          when: `${formatTimeRange(dialogue.start, dialogue.end, dialogue.timeZone, locale)} (${zoneName(dialogue.start, dialogue.timeZone, locale)})`,
          link: localeUrl(locale, eventPath(dialogue), origin),
          why: say(locale, why),
          registrations: localeUrl(locale, '/account/registrations', origin),
          signature: say(locale, 'mail.signature'),
        }),
      );
      expect(mail!.body).toContain(`/${locale}/dialogues/2027-04-firearms`);
      expect(mail!.body).not.toContain(say('en', 'mail.signature'));
    }
  });

  it('writes each reader’s topic digest in their language, with its one-click unsubscribe working', async () => {
    // The first pass marks what exists as known before digests; the workshop appears in the week.
    await recordFirstSeen(handle.db, [callOpened], new Date('2027-02-01T00:00:00Z'));
    await recordFirstSeen(handle.db, [fresh, callOpened], new Date('2027-03-03T10:00:00Z'));
    const readers: [SessionUser, Locale][] = [];
    for (const locale of ['fr', 'ar'] as const) {
      const { person } = await seedPerson(handle.db, { name: `Readers ${locale}` });
      await speaking(person, locale);
      expect(await chooseTopicDigest(handle.db, person, { topic: 'firearms', digest: 'weekly' }, TOPIC_SLUGS)).toMatchObject({ ok: true });
      readers.push([person, locale]);
    }
    expect(await sendDueDigests(handle.db, { now: MONDAY_AFTER, events: [fresh, callOpened], topicTitles: TOPIC_TITLES })).toEqual({ sent: 2, empty: 0, alreadyClaimed: 0 });

    for (const [person, locale] of readers) {
      const mails = await delivered(person.email);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      const topics = formatList(['Firearms'], locale);
      expect(mail!.subject).toBe(say(locale, 'mail.digest.subject.weekly', { topics }));
      for (const key of ['mail.digest.newEvents', 'mail.digest.callsOpened', 'mail.digest.why.weekly', 'mail.signature'] as const) expect(mail!.body).toContain(say(locale, key));
      expect(mail!.body).toContain(`- ${say(locale, 'mail.digest.eventItem', { title: fresh.title, date: formatDay(fresh.start, fresh.timeZone, locale) })}\n  ${localeUrl(locale, eventPath(fresh), config().PUBLIC_ORIGIN)}`);
      expect(mail!.body).toContain(
        say(locale, 'mail.digest.callItem', { title: callOpened.title, date: formatDay(callOpened.start, callOpened.timeZone, locale), closes: formatDay(callOpened.callForInput!.closes, callOpened.timeZone, locale) }),
      );
      expect(mail!.body).toContain(localeUrl(locale, '/account/calendar#digests', config().PUBLIC_ORIGIN));
      for (const english of ['New events', 'Dear ', 'without signing in']) expect(mail!.body).not.toContain(english);

      const link = await unsubscribeUrl(handle.db, person.id, 'weekly', locale);
      expect(new URL(link).pathname).toBe(`/${locale}/digests/unsubscribe`);
      expect(mail!.body).toContain(link);
      expect(mail!.header('List-Unsubscribe')).toBe(`<${link}>`);
      expect(mail!.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(await unsubscribeBySignedLink(handle.db, new URL(link).searchParams)).toEqual({ ok: true, value: { userId: person.id, frequency: 'weekly', topics: 1 } });
    }
    expect(await handle.db.selectFrom('followed_topics').select('digest').execute()).toEqual([{ digest: 'none' }, { digest: 'none' }]);
  });
});
