// Every message a reader sees after a failed form, filter, front-matter or
// configuration check is the portal's own, never zod's default text. zod 4
// silently ignores zod 3's `required_error`, `invalid_type_error` and
// `errorMap`, so each message is pinned here with the bad input that shows it.
import { describe, expect, it } from 'vitest';
import { z } from '../../src/server/validation';
import { messageOfIssue } from '../../src/server/result';
import { domainEn } from '../../src/i18n/domain-en';
import { translate, type FieldErrors } from '../../src/i18n/translate';
import { inEnglish } from '../support/messages-in-english';
import { passwordSchema } from '../../src/server/auth/passwords';
import { secretariatAccountSchema } from '../../src/server/auth/secretariat-accounts';
import { submissionFormSchema } from '../../src/server/submissions/submission-form';
import { moderationSchema } from '../../src/server/submissions/moderation';
import { decisionSchema } from '../../src/server/registrations/decide';
import { applicationSchema } from '../../src/server/registrations/apply';
import { auditFilterSchema } from '../../src/server/audit/audit-trail';
import { configSchema } from '../../src/server/config';
import { listingQuerySchema, parseListingQuery } from '../../src/server/events/listing';
import {
  callForInputSchema,
  dialogueSchema,
  eventSchema,
  registrationSchema,
  sideEventSchema,
  topicSchema,
} from '../../src/server/events/schema';
import { wallClockSchema } from '../../src/server/events/wall-clock';
import { handOverSchema } from '../../src/server/organisations/focal-point';
import { directoryFilterSchema } from '../../src/server/organisations/directory';
import { acceptInvitationSchema, invitationSchema } from '../../src/server/organisations/invitations';
import { accreditationDecisionSchema } from '../../src/server/organisations/accreditation';
import { organisationProfileSchema } from '../../src/server/organisations/organisation-schema';
import { countryFilter, ecosocFilter, pageFilter, parseFilter, typeFilter } from '../../src/server/organisations/organisation-filters';
import { queueFilterSchema } from '../../src/server/organisations/accreditation-queue';
import { deletionSchema } from '../../src/server/accounts/personal-data';
import { passwordChangeSchema } from '../../src/server/accounts/password-change';
import { passwordResetRequestSchema, passwordResetSchema } from '../../src/server/accounts/password-reset';
import { signUpSchema } from '../../src/server/accounts/sign-up';
import { signInSchema } from '../../src/server/accounts/sign-in';
import { emailSchema, personSchema } from '../../src/server/accounts/person-schema';
import { portalEvent, TOPIC_SLUGS, WRITTEN_FRONT_MATTER } from '../support/event-fixtures';

/**
 * zod's own English texts, of version 4 ("Invalid input: expected string,
 * received undefined", "Invalid option: …", "Too small: …", "Invalid email
 * address", "Invalid URL", "Unrecognized key…") and of version 3 ("Required",
 * "Expected string, received number", "String must contain …").
 */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized key|Required$|Expected |(String|Number|Array) must )|expected .*received/;

const tooLong = (length: number) => 'x'.repeat(length);
/** Long, but neither repeated characters nor on the common-password list. */
const LONG_PASSWORD = 'Tr0ub4dor&3-'.repeat(22);
const VALID_TOKEN = 'abcdefghijklmnopqrstuvwxyz234567';
/** What the sign-up and profile forms say for each organisation field left empty. */
const MISSING_ORGANISATION_FIELDS = {
  organisationName: 'Enter the organisation’s name.',
  type: 'Choose the kind of organisation.',
  country: 'Choose a country.',
  description: 'Enter a short description of the organisation’s work.',
  ecosocStatus: 'Choose the ECOSOC status (or “none”).',
  topics: 'Choose at least one topic of expertise.',
};

/**
 * What the reader is told for an issue: the English sentence of its key; the
 * schemas of configuration and content files (read by operators, not shown
 * on pages) write their English directly.
 */
function sentenceOf(issue: z.core.$ZodIssue): string {
  return issue.message in domainEn ? translate('en', messageOfIssue(issue)) : issue.message;
}

/** Every issue of a failed parse, each checked not to carry zod's own text. */
function issuesOf(schema: z.ZodType, data: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(data);
  if (result.success) return [];
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: sentenceOf(issue) }));
  for (const issue of issues) {
    expect(issue.message, `zod's default text reached the reader at "${issue.path}"`).not.toMatch(ZOD_DEFAULT);
    expect(issue.message.trim(), `an empty message at "${issue.path}"`).not.toBe('');
  }
  return issues;
}

/** What a form shows: the first message per field, as the domain functions report it. */
function fieldMessages(schema: z.ZodType, data: unknown): FieldErrors {
  issuesOf(schema, data);
  const result = schema.safeParse(data);
  if (result.success) return {};
  const messages: FieldErrors = {};
  for (const issue of result.error.issues) messages[issue.path.join('.') || 'form'] ??= sentenceOf(issue);
  return messages;
}

/** The first message for a single field's schema. */
function messageOf(schema: z.ZodType, data: unknown): string | undefined {
  return issuesOf(schema, data)[0]?.message;
}

describe('the fallback messages of src/server/validation', () => {
  it('asks to fill in a missing field instead of naming the expected type', () => {
    expect(issuesOf(z.object({ a: z.string() }), {})).toEqual([{ path: 'a', message: 'Fill in this field.' }]);
    expect(issuesOf(z.object({ a: z.number() }), { a: '' })).toEqual([{ path: 'a', message: 'Fill in this field.' }]);
  });

  it('says plainly that a value of the wrong type is not valid', () => {
    expect(messageOf(z.string(), ['a', 'b'])).toBe('This value is not valid here.');
    expect(messageOf(z.number(), 'five')).toBe('This value is not valid here.');
  });

  it('states the limits of lengths, counts and numbers in plain words', () => {
    expect(messageOf(z.string().min(3), 'ab')).toBe('Use at least 3 characters.');
    expect(messageOf(z.string().max(3), 'abcd')).toBe('Use at most 3 characters.');
    expect(messageOf(z.array(z.string()).min(2), ['a'])).toBe('Choose at least 2.');
    expect(messageOf(z.array(z.string()).max(1), ['a', 'b'])).toBe('Choose at most 1.');
    expect(messageOf(z.number().min(5), 4)).toBe('Use a value of at least 5.');
    expect(messageOf(z.number().max(5), 6)).toBe('Use a value of at most 5.');
  });

  it('lists the allowed values of an enum and explains a bad email address or URL', () => {
    expect(messageOf(z.enum(['a', 'b']), 'c')).toBe('Choose one of: a, b.');
    expect(messageOf(z.email(), 'name@')).toBe('Enter an email address such as name@example.org.');
    expect(messageOf(z.url(), 'not a url')).toBe('This value is not in the expected form.');
    expect(messageOf(z.strictObject({ a: z.string() }), { a: 'x', b: 'y' })).toBe('This value is not valid.');
  });

  it('lets a schema’s own message win over the fallback', () => {
    expect(messageOf(z.string({ error: 'Mine when missing.' }), undefined)).toBe('Mine when missing.');
    expect(messageOf(z.string().min(1, 'Mine when empty.'), '')).toBe('Mine when empty.');
    expect(messageOf(z.enum(['a', 'b'], { error: 'Mine for the enum.' }), 'c')).toBe('Mine for the enum.');
  });
});

describe('password and account forms', () => {
  it('passwordSchema: asks for a password, its length, and a less common one', () => {
    expect(messageOf(passwordSchema, undefined)).toBe('Enter a password.');
    expect(messageOf(passwordSchema, ['correct horse battery'])).toBe('Enter a password.');
    expect(messageOf(passwordSchema, 'short')).toBe('Use at least 10 characters.');
    expect(messageOf(passwordSchema, '')).toBe('Use at least 10 characters.');
    expect(messageOf(passwordSchema, LONG_PASSWORD)).toBe('Use at most 256 characters.');
    expect(messageOf(passwordSchema, 'Password123')).toBe('This password is too common; choose one that is harder to guess.');
    expect(issuesOf(passwordSchema, 'correct horse battery')).toEqual([]);
  });

  it('emailSchema: asks for an address, then for a well-formed and short enough one', () => {
    expect(messageOf(emailSchema, undefined)).toBe('Enter an email address.');
    expect(messageOf(emailSchema, '')).toBe('Enter an email address.');
    expect(messageOf(emailSchema, '   ')).toBe('Enter an email address.');
    expect(messageOf(emailSchema, ['name@example.org'])).toBe('Enter an email address.');
    expect(messageOf(emailSchema, 'name@')).toBe('Enter an email address such as name@example.org.');
    expect(messageOf(emailSchema, 'name example.org')).toBe('Enter an email address such as name@example.org.');
    expect(messageOf(emailSchema, `${'a'.repeat(250)}@example.org`)).toBe('Use at most 254 characters.');
  });

  it('personSchema: asks for the name and the email address', () => {
    expect(fieldMessages(personSchema, {})).toEqual({ name: 'Enter your name.', email: 'Enter an email address.' });
    expect(fieldMessages(personSchema, { name: '  ', jobTitle: tooLong(121), email: 'nobody' })).toEqual({
      name: 'Enter your name.',
      jobTitle: 'Use at most 120 characters.',
      email: 'Enter an email address such as name@example.org.',
    });
    expect(fieldMessages(personSchema, { name: tooLong(121), email: 'name@example.org' })).toEqual({ name: 'Use at most 120 characters.' });
  });

  it('signInSchema: asks for the address and the password', () => {
    expect(fieldMessages(signInSchema, {})).toEqual({ email: 'Enter an email address.', password: 'Enter your password.' });
    expect(fieldMessages(signInSchema, { email: '', password: '' })).toEqual({ email: 'Enter an email address.', password: 'Enter your password.' });
    expect(fieldMessages(signInSchema, { email: 'name@', password: tooLong(257) })).toEqual({
      email: 'Enter an email address such as name@example.org.',
      password: 'Use at most 256 characters.',
    });
  });

  it('signUpSchema: names every missing field of the organisation, the person and the password', () => {
    expect(fieldMessages(signUpSchema(TOPIC_SLUGS), {})).toEqual({
      ...MISSING_ORGANISATION_FIELDS,
      name: 'Enter your name.',
      email: 'Enter an email address.',
      password: 'Enter a password.',
    });
  });

  it('signUpSchema: explains each bad value of a filled-in form', () => {
    expect(
      fieldMessages(signUpSchema(TOPIC_SLUGS), {
        organisationName: '  ',
        type: 'government',
        country: 'Narnia',
        website: 'example.org',
        description: '',
        ecosocStatus: 'consultative',
        topics: ['piracy'],
        name: '',
        email: 'nobody',
        password: 'password123',
      }),
    ).toEqual({
      organisationName: 'Enter the organisation’s name.',
      type: 'Choose the kind of organisation.',
      country: 'Choose a country from the list.',
      website: 'Enter a full address such as https://example.org.',
      description: 'Enter a short description of the organisation’s work.',
      ecosocStatus: 'Choose the ECOSOC status (or “none”).',
      'topics.0': 'Choose topics from the list.',
      name: 'Enter your name.',
      email: 'Enter an email address such as name@example.org.',
      password: 'This password is too common; choose one that is harder to guess.',
    });
  });

  it('passwordChangeSchema: asks for the current password and a good new one', () => {
    expect(fieldMessages(passwordChangeSchema, {})).toEqual({ currentPassword: 'Enter your current password.', newPassword: 'Enter a password.' });
    expect(fieldMessages(passwordChangeSchema, { currentPassword: '', newPassword: 'short' })).toEqual({
      currentPassword: 'Enter your current password.',
      newPassword: 'Use at least 10 characters.',
    });
    expect(fieldMessages(passwordChangeSchema, { currentPassword: tooLong(257), newPassword: '1234567890' })).toEqual({
      currentPassword: 'Use at most 256 characters.',
      newPassword: 'This password is too common; choose one that is harder to guess.',
    });
  });

  it('passwordResetRequestSchema: asks for a well-formed address', () => {
    expect(fieldMessages(passwordResetRequestSchema, {})).toEqual({ email: 'Enter an email address.' });
    expect(fieldMessages(passwordResetRequestSchema, { email: 'nobody' })).toEqual({ email: 'Enter an email address such as name@example.org.' });
  });

  it('passwordResetSchema: says the link is closed when the token is missing or malformed', () => {
    const linkClosed = 'This link has expired or was already used. Ask for a new one on the “Forgot your password?” page.';
    expect(fieldMessages(passwordResetSchema, {})).toEqual({ token: linkClosed, password: 'Enter a password.' });
    expect(fieldMessages(passwordResetSchema, { token: 'not-a-token', password: 'short' })).toEqual({
      token: linkClosed,
      password: 'Use at least 10 characters.',
    });
    expect(fieldMessages(passwordResetSchema, { token: ['a', 'b'], password: LONG_PASSWORD })).toEqual({
      token: linkClosed,
      password: 'Use at most 256 characters.',
    });
  });

  it('deletionSchema: asks for the password to confirm', () => {
    expect(fieldMessages(deletionSchema, {})).toEqual({ password: 'Enter your password to confirm.' });
    expect(fieldMessages(deletionSchema, { password: '' })).toEqual({ password: 'Enter your password to confirm.' });
    expect(fieldMessages(deletionSchema, { password: ['a'] })).toEqual({ password: 'Enter your password to confirm.' });
  });

  it('deletionSchema: answers a too-long password with its length limit, not with "enter your password"', () => {
    // The same field of the sign-in and password-change forms says this; the
    // fallback in validation.ts would too.
    expect(fieldMessages(deletionSchema, { password: tooLong(257) })).toEqual({ password: 'Use at most 256 characters.' });
  });

  it('secretariatAccountSchema: explains a bad address and name in the admin CLI’s words', () => {
    expect(fieldMessages(secretariatAccountSchema, { email: 'not-an-email', name: '  ' })).toEqual({
      email: 'must be an email address such as name@un.org',
      name: 'must not be empty',
    });
    expect(fieldMessages(secretariatAccountSchema, { email: '', name: 'Ana' })).toEqual({ email: 'must be an email address such as name@un.org' });
    expect(fieldMessages(secretariatAccountSchema, { email: `${'a'.repeat(250)}@un.org`, name: tooLong(121) })).toEqual({
      email: 'must be at most 254 characters',
      name: 'must be at most 120 characters',
    });
    // No message of its own for a missing value: the plain fallback.
    expect(fieldMessages(secretariatAccountSchema, {})).toEqual({ email: 'must be an email address such as name@un.org', name: 'must not be empty' });
  });
});

describe('submissions and moderation', () => {
  const schema = submissionFormSchema(TOPIC_SLUGS);

  it('submissionFormSchema: asks for a title and a topic', () => {
    expect(fieldMessages(schema, {})).toEqual({ title: 'Give the input a title.', topics: 'Choose at least one topic.' });
    expect(fieldMessages(schema, { title: '  ', topics: [] })).toEqual({ title: 'Give the input a title.', topics: 'Choose at least one topic.' });
    expect(fieldMessages(schema, { title: ['a', 'b'], topics: 'firearms' })).toEqual({ title: 'Give the input a title.', topics: 'Choose at least one topic.' });
  });

  it('submissionFormSchema: explains unknown topics and over-long text', () => {
    expect(
      fieldMessages(schema, { title: tooLong(201), topics: ['firearms', 'piracy'], body: tooLong(100_001), answers: ['fine', tooLong(100_001)] }),
    ).toEqual({
      title: 'Use at most 200 characters.',
      'topics.1': 'Choose topics from the list.',
      body: 'Use at most 100,000 characters.',
      'answers.1': 'This answer is too long.',
    });
    // No message of its own for the hidden intent field: the plain fallback.
    expect(fieldMessages(schema, { title: 'Input', topics: ['firearms'], intent: 'publish' })).toEqual({ intent: 'Choose one of: save, submit.' });
  });

  it('moderationSchema: asks for a decision and a note for anything but publishing', () => {
    expect(fieldMessages(moderationSchema, {})).toEqual({ decision: 'Choose publish, return for changes or reject.' });
    expect(fieldMessages(moderationSchema, { decision: 'delete' })).toEqual({ decision: 'Choose publish, return for changes or reject.' });
    expect(fieldMessages(moderationSchema, { decision: ['publish'] })).toEqual({ decision: 'Choose publish, return for changes or reject.' });
    const noteNeeded = 'Write a note for the author: what to change, or why it is not published.';
    expect(fieldMessages(moderationSchema, { decision: 'return', note: '  ' })).toEqual({ note: noteNeeded });
    expect(fieldMessages(moderationSchema, { decision: 'reject' })).toEqual({ note: noteNeeded });
    expect(fieldMessages(moderationSchema, { decision: 'reject', note: tooLong(2001) })).toEqual({ note: 'Use at most 2000 characters.' });
  });
});

describe('registrations', () => {
  it('decisionSchema: asks to tick an application and choose a decision', () => {
    const expected = { ids: 'Tick at least one application.', decision: 'Choose approve, waitlist or reject.' };
    expect(fieldMessages(decisionSchema, {})).toEqual(expected);
    expect(fieldMessages(decisionSchema, { ids: [], decision: 'maybe' })).toEqual(expected);
    expect(fieldMessages(decisionSchema, { ids: 'one', decision: '' })).toEqual(expected);
  });

  it('decisionSchema: asks for the reason of a rejection, at most 1000 characters', () => {
    expect(fieldMessages(decisionSchema, { ids: ['a'], decision: 'reject', reason: '  ' })).toEqual({
      reason: 'Give the reason for not approving; the applicant sees it.',
    });
    expect(fieldMessages(decisionSchema, { ids: ['a'], decision: 'reject', reason: tooLong(1001) })).toEqual({ reason: 'Use at most 1000 characters.' });
  });

  it('decisionSchema: answers more than 1000 ticked applications with the limit, not with "tick at least one"', () => {
    const ids = Array.from({ length: 1001 }, (_, index) => `application-${index}`);
    const message = fieldMessages(decisionSchema, { ids, decision: 'approve' }).ids;
    expect(message).not.toBe('Tick at least one application.');
    expect(message).toMatch(/at most 1000/);
  });

  describe('applicationSchema', () => {
    const reviewedInPerson = portalEvent('reviewed-in-person', {
      format: 'in-person',
      registration: { mode: 'reviewed', waitlist: false, eligibleTypes: ['ngo'] },
    });
    const openOnline = portalEvent('open-online', {
      format: 'online',
      venue: undefined,
      registration: { mode: 'open', waitlist: false, eligibleTypes: ['ngo'] },
    });

    it('asks how to take part and, for a reviewed event, what expertise the applicant brings', () => {
      expect(fieldMessages(applicationSchema(reviewedInPerson), {})).toEqual({
        mode: 'Choose in person or online.',
        statement: 'Say in a few sentences what expertise you bring.',
      });
      expect(fieldMessages(applicationSchema(reviewedInPerson), { mode: 'hybrid', statement: ['a', 'b'] })).toEqual({
        mode: 'Choose in person or online.',
        statement: 'Say in a few sentences what expertise you bring.',
      });
    });

    it('refuses a mode the event does not offer and a statement that is too short or too long', () => {
      expect(fieldMessages(applicationSchema(reviewedInPerson), { mode: 'online', statement: 'Too short.' })).toEqual({
        mode: 'This event is not offered that way.',
        statement: 'Say in a few sentences (at least 20 characters) what expertise you bring.',
      });
      expect(
        fieldMessages(applicationSchema(reviewedInPerson), { mode: 'in-person', statement: tooLong(2001), accessibilityNeeds: tooLong(501) }),
      ).toEqual({ statement: 'Use at most 2000 characters.', accessibilityNeeds: 'Use at most 500 characters.' });
      expect(fieldMessages(applicationSchema(openOnline), { mode: 'in-person', statement: tooLong(2001) })).toEqual({
        mode: 'This event is not offered that way.',
        statement: 'Use at most 2000 characters.',
      });
    });
  });
});

describe('filters of lists', () => {
  const pageMessage = 'Page numbers are whole numbers from 1.';

  it('auditFilterSchema: explains a page number that is not a whole number from 1', () => {
    for (const page of ['abc', '0', '-2', '1.5', '2000000', 'Infinity']) {
      expect(fieldMessages(auditFilterSchema, { page }), `page=${page}`).toEqual({ page: pageMessage });
    }
    expect(fieldMessages(auditFilterSchema, { page: '' })).toEqual({});
    expect(parseFilter(auditFilterSchema, new URLSearchParams('page=zero'), ['page'])).toEqual({ filter: { page: 1 }, issues: { page: pageMessage } });
  });

  it('organisation filters: explain an unknown kind, country, ECOSOC status and page', () => {
    expect(messageOf(typeFilter, 'government')).toBe('Choose a kind of organisation from the list.');
    expect(messageOf(typeFilter, ['ngo'])).toBe('Choose a kind of organisation from the list.');
    expect(messageOf(countryFilter, 'Narnia')).toBe('Choose a country from the list.');
    expect(messageOf(countryFilter, 'xx')).toBe('Choose a country from the list.');
    expect(messageOf(ecosocFilter, 'consultative')).toBe('Choose an ECOSOC status from the list.');
    expect(messageOf(pageFilter, 'last')).toBe(pageMessage);
    expect(messageOf(pageFilter, '0')).toBe(pageMessage);
    for (const blank of ['', '  ', undefined]) {
      expect(issuesOf(typeFilter, blank)).toEqual([]);
      expect(issuesOf(countryFilter, blank)).toEqual([]);
      expect(issuesOf(ecosocFilter, blank)).toEqual([]);
    }
  });

  it('queueFilterSchema: explains each bad filter of the accreditation queue', () => {
    const params = new URLSearchParams({ state: 'archived', type: 'government', country: 'Narnia', ecosoc: 'consultative', page: '0' });
    expect(parseFilter(queueFilterSchema, params, ['state', 'type', 'country', 'ecosoc', 'page']).issues).toEqual({
      state: 'Choose pending, accredited, not accredited or all.',
      type: 'Choose a kind of organisation from the list.',
      country: 'Choose a country from the list.',
      ecosoc: 'Choose an ECOSOC status from the list.',
      page: pageMessage,
    });
    issuesOf(queueFilterSchema, Object.fromEntries(params));
  });

  it('directoryFilterSchema: explains each bad filter of the public directory', () => {
    expect(
      fieldMessages(directoryFilterSchema(TOPIC_SLUGS), { q: tooLong(201), type: 'government', country: 'Narnia', topic: 'piracy', page: '1.5' }),
    ).toEqual({
      q: 'Use at most 200 characters.',
      type: 'Choose a kind of organisation from the list.',
      country: 'Choose a country from the list.',
      topic: 'Choose a topic from the list.',
      page: pageMessage,
    });
    expect(fieldMessages(directoryFilterSchema(TOPIC_SLUGS), { q: '  ', type: '', country: '', topic: '', page: '' })).toEqual({});
  });
});

describe('organisations', () => {
  it('handOverSchema: asks to choose a colleague', () => {
    for (const userId of [undefined, '', ['a', 'b']]) {
      expect(fieldMessages(handOverSchema, { userId })).toEqual({ userId: 'Choose a colleague.' });
    }
  });

  it('invitationSchema: asks for a well-formed address', () => {
    expect(fieldMessages(invitationSchema, {})).toEqual({ email: 'Enter an email address.' });
    expect(fieldMessages(invitationSchema, { email: '  ' })).toEqual({ email: 'Enter an email address.' });
    expect(fieldMessages(invitationSchema, { email: 'colleague@' })).toEqual({ email: 'Enter an email address such as name@example.org.' });
    expect(fieldMessages(invitationSchema, { email: `${'a'.repeat(250)}@example.org` })).toEqual({ email: 'Use at most 254 characters.' });
  });

  it('acceptInvitationSchema: explains a bad link, name, job title and password', () => {
    expect(fieldMessages(acceptInvitationSchema, { token: 'abc', name: '  ', jobTitle: tooLong(121), password: 'short' })).toEqual({
      token: 'This invitation link is not valid.',
      name: 'Enter your name.',
      jobTitle: 'Use at most 120 characters.',
      password: 'Use at least 10 characters.',
    });
    expect(fieldMessages(acceptInvitationSchema, { token: VALID_TOKEN, name: tooLong(121), password: 'qwertyuiop' })).toEqual({
      name: 'Use at most 120 characters.',
      password: 'This password is too common; choose one that is harder to guess.',
    });
    // Token and name have no message of their own for a missing value: the plain fallback.
    expect(fieldMessages(acceptInvitationSchema, {})).toEqual({ token: 'This invitation link is not valid.', name: 'Enter your name.', password: 'Enter a password.' });
  });

  it('accreditationDecisionSchema: asks for an organisation, a decision and the reason of a rejection', () => {
    const expected = { organisationId: 'Choose an organisation from the queue.', decision: 'Choose to accredit or to reject.' };
    expect(fieldMessages(accreditationDecisionSchema, {})).toEqual(expected);
    expect(fieldMessages(accreditationDecisionSchema, { organisationId: '  ', decision: 'maybe' })).toEqual(expected);
    expect(fieldMessages(accreditationDecisionSchema, { organisationId: 'org-1', decision: 'reject', reason: ' ' })).toEqual({
      reason: 'Give the reason for not accrediting: the focal point reads it and can act on it.',
    });
    expect(fieldMessages(accreditationDecisionSchema, { organisationId: 'org-1', decision: 'reject', reason: tooLong(1001) })).toEqual({
      reason: 'Use at most 1000 characters.',
    });
    // An over-long id is not one from the queue (zod 4 applies the field's `error` to its bare .max(100)).
    expect(fieldMessages(accreditationDecisionSchema, { organisationId: tooLong(101), decision: 'accredit' })).toEqual({
      organisationId: 'Choose an organisation from the queue.',
    });
  });

  describe('organisationProfileSchema', () => {
    const schema = organisationProfileSchema(TOPIC_SLUGS);

    it('names every missing field of the profile', () => {
      expect(fieldMessages(schema, {})).toEqual(MISSING_ORGANISATION_FIELDS);
      expect(fieldMessages(schema, { organisationName: ['a'], type: ['ngo'], country: ['AT'], description: ['a'], ecosocStatus: ['none'], topics: 'firearms' })).toEqual(MISSING_ORGANISATION_FIELDS);
    });

    it('explains bad choices and over-long text', () => {
      expect(
        fieldMessages(schema, {
          organisationName: tooLong(201),
          acronym: tooLong(31),
          type: 'government',
          country: 'Narnia',
          website: tooLong(301),
          description: tooLong(2001),
          ecosocStatus: 'consultative',
          topics: [],
        }),
      ).toEqual({
        organisationName: 'Use at most 200 characters.',
        acronym: 'Use at most 30 characters.',
        type: 'Choose the kind of organisation.',
        country: 'Choose a country from the list.',
        website: 'Use at most 300 characters.',
        description: 'Use at most 2000 characters.',
        ecosocStatus: 'Choose the ECOSOC status (or “none”).',
        topics: 'Choose at least one topic of expertise.',
      });
      expect(
        fieldMessages(schema, {
          organisationName: 'Civil Voices',
          type: 'ngo',
          country: 'at',
          website: 'www.example.org',
          description: 'We work on firearms.',
          ecosocStatus: 'none',
          topics: ['firearms', 'piracy'],
        }),
      ).toEqual({ website: 'Enter a full address such as https://example.org.', 'topics.1': 'Choose topics from the list.' });
    });
  });
});

describe('configuration', () => {
  const portMessage = 'must be a port number between 1 and 65535';

  it('configSchema: explains a port that is not a number, not whole or out of range', () => {
    expect(fieldMessages(configSchema, { PORT: 'abc' })).toEqual({ PORT: portMessage });
    expect(fieldMessages(configSchema, { PORT: '80.5' })).toEqual({ PORT: 'must be a whole port number' });
    expect(fieldMessages(configSchema, { PORT: '-1' })).toEqual({ PORT: portMessage });
    expect(fieldMessages(configSchema, { PORT: '70000' })).toEqual({ PORT: portMessage });
  });

  it('configSchema: explains a database URL of another kind and an unreadable postgres URL', () => {
    expect(fieldMessages(configSchema, { DATABASE_URL: 'mysql://x' })).toEqual({
      DATABASE_URL: 'must be postgres://user@host:port/database, or a path to a SQLite file',
    });
    expect(fieldMessages(configSchema, { DATABASE_URL: 'postgres://host:abc/db' })).toEqual({ DATABASE_URL: 'is not a valid postgres:// URL' });
  });

  it('configSchema: explains an origin with a path, bad proxies, SMTP URL and host', () => {
    const originMessage = 'must be an origin such as https://whatson.example.org (scheme and host, no path)';
    for (const PUBLIC_ORIGIN of ['https://x/path', 'https://x?query=1', 'ftp://x', 'whatson.example.org']) {
      expect(fieldMessages(configSchema, { PUBLIC_ORIGIN }), PUBLIC_ORIGIN).toEqual({ PUBLIC_ORIGIN: originMessage });
    }
    expect(fieldMessages(configSchema, { TRUSTED_PROXIES: 'localhost' })).toEqual({
      TRUSTED_PROXIES: 'must be a comma-separated list of IP addresses such as 127.0.0.1,::1',
    });
    expect(fieldMessages(configSchema, { SMTP_URL: 'http://mail.example.org' })).toEqual({ SMTP_URL: 'must be smtp://user:password@host:port or smtps://…' });
    expect(fieldMessages(configSchema, { HOST: '   ' })).toEqual({ HOST: 'must be an address such as 127.0.0.1 or 0.0.0.0' });
  });
});

describe('event listings', () => {

  it('listingQuerySchema: answers each bad filter with a message that says how to fix it', () => {
    const schema = listingQuerySchema(TOPIC_SLUGS);
    expect(fieldMessages(schema, { topic: 'piracy' })).toEqual({ topic: domainEn['listing.topicUnknown'] });
    expect(fieldMessages(schema, { format: 'virtual' })).toEqual({ format: domainEn['listing.formatUnknown'] });
    expect(fieldMessages(schema, { format: ['online'] })).toEqual({ format: domainEn['listing.formatUnknown'] });
    expect(fieldMessages(schema, { when: 'tomorrow' })).toEqual({ when: domainEn['listing.whenUnknown'] });
    expect(fieldMessages(schema, { from: '2027-13-45' })).toEqual({ from: domainEn['listing.dateInvalid'] });
    expect(fieldMessages(schema, { to: '01/02/2027' })).toEqual({ to: domainEn['listing.dateInvalid'] });
    expect(fieldMessages(schema, { from: '2027-02-01', to: '2027-01-01' })).toEqual({ to: domainEn['listing.dateRangeReversed'] });
    expect(fieldMessages(schema, { q: tooLong(201) })).toEqual({ q: domainEn['listing.searchTooLong'] });
    for (const page of ['abc', '0', '-3', '1.5', '1e400']) {
      expect(fieldMessages(schema, { page }), `page=${page}`).toEqual({ page: domainEn['listing.pageInvalid'] });
    }
  });

  it('parseListingQuery: reports keys of the domain catalogue, so every message can be translated', () => {
    const params = new URLSearchParams({ topic: 'piracy', format: 'virtual', from: 'soon', to: '2027-99-01', q: tooLong(201), when: 'tomorrow', page: 'last' });
    const { errors } = parseListingQuery(params, TOPIC_SLUGS);
    expect(inEnglish(errors)).toEqual({
      topic: domainEn['listing.topicUnknown'],
      format: domainEn['listing.formatUnknown'],
      from: domainEn['listing.dateInvalid'],
      to: domainEn['listing.dateInvalid'],
      q: domainEn['listing.searchTooLong'],
      when: domainEn['listing.whenUnknown'],
      page: domainEn['listing.pageInvalid'],
    });
    for (const said of Object.values(errors)) expect(Object.keys(domainEn)).toContain(said!.key);
    expect(parseListingQuery(new URLSearchParams({ from: '2027-02-01', to: '2027-01-01' }), TOPIC_SLUGS).errors).toEqual({ to: domainEn['listing.dateRangeReversed'] });
  });
});

describe('event front matter', () => {
  const valid = { ...WRITTEN_FRONT_MATTER, workingGroup: 'firearms' };
  const dialogue = dialogueSchema(TOPIC_SLUGS);
  const dateMessage = 'must be a date and time such as 2026-07-01T10:00';

  it('wallClockSchema: asks for a date and time in the written form, and a real one', () => {
    for (const value of [undefined, '', 'next Tuesday', '2026-07-01', '01.07.2026 10:00', 20260701, ['2026-07-01T10:00'], new Date('not a date')]) {
      expect(messageOf(wallClockSchema, value), String(value)).toBe(dateMessage);
    }
    expect(messageOf(wallClockSchema, '2026-02-30T10:00')).toBe('is not a real date and time');
    expect(messageOf(wallClockSchema, '2026-07-01T24:00')).toBe('is not a real date and time');
    expect(issuesOf(wallClockSchema, '2026-07-01 10:00')).toEqual([]);
  });

  it('asks for non-empty, short enough text', () => {
    expect(fieldMessages(dialogue, { ...valid, title: '  ', summary: '' })).toEqual({ title: 'must not be empty', summary: 'must not be empty' });
    expect(fieldMessages(dialogue, { ...valid, title: tooLong(201), summary: tooLong(601), statusNote: tooLong(301) })).toEqual({
      title: 'must be at most 200 characters',
      summary: 'must be at most 600 characters',
      statusNote: 'must be at most 300 characters',
    });
  });

  it('names an unknown topic with the known ones, and asks for at least one topic and organiser', () => {
    expect(fieldMessages(dialogue, { ...valid, topics: ['x'] })).toEqual({
      'topics.0': `unknown topic "x"; expected one of: ${TOPIC_SLUGS.join(', ')}`,
    });
    expect(fieldMessages(dialogue, { ...valid, topics: [], organisers: [] })).toEqual({
      topics: 'name at least one topic',
      organisers: 'name at least one organiser',
    });
  });

  it('names a zone that is not an IANA time zone', () => {
    expect(fieldMessages(dialogue, { ...valid, timezone: 'Mars/Olympus' })).toEqual({
      timezone: '"Mars/Olympus" is not an IANA time zone; use a name such as Europe/Vienna',
    });
    expect(fieldMessages(dialogue, { ...valid, timezone: 'CET' })).toEqual({
      timezone: '"CET" is not an IANA time zone; use a name such as Europe/Vienna',
    });
  });

  it('explains bad times, an end before the start and a missing venue', () => {
    expect(fieldMessages(dialogue, { ...valid, start: 'tomorrow', end: '2027-02-30T10:00' })).toEqual({ start: dateMessage, end: 'is not a real date and time' });
    expect(fieldMessages(dialogue, { ...valid, end: '2027-03-10T09:00' })).toEqual({ end: 'must be after start' });
    const { venue: _venue, ...withoutVenue } = valid;
    expect(fieldMessages(dialogue, { ...withoutVenue, format: 'in-person' })).toEqual({ venue: 'an in-person event needs a venue (site, city, country)' });
  });

  it('explains a bad venue, language and document', () => {
    expect(fieldMessages(dialogue, { ...valid, venue: { site: '', city: tooLong(81), country: 'Austria' } })).toEqual({
      'venue.site': 'must not be empty',
      'venue.city': 'must be at most 80 characters',
      'venue.country': 'must be a two-letter ISO 3166 country code such as AT',
    });
    expect(fieldMessages(dialogue, { ...valid, languages: ['eng'] })).toEqual({ 'languages.0': 'must be a two-letter language code such as en' });
    const document = { title: 'Concept note', kind: 'concept-note', url: 'https://www.unodc.org/note.pdf' };
    expect(fieldMessages(dialogue, { ...valid, documents: [{ ...document, url: 'www.unodc.org/note.pdf' }] })).toEqual({
      'documents.0.url': 'must be a full URL such as https://www.unodc.org/…',
    });
    expect(fieldMessages(dialogue, { ...valid, documents: [{ ...document, url: 'ftp://ftp.unodc.org/note.pdf' }] })).toEqual({
      'documents.0.url': 'must start with http:// or https://',
    });
    expect(fieldMessages(dialogue, { ...valid, documents: [{ ...document, url: ['https://www.unodc.org/'] }] })).toEqual({
      'documents.0.url': 'must be a full URL such as https://www.unodc.org/…',
    });
    expect(fieldMessages(dialogue, { ...valid, documents: [{ ...document, title: '', language: 'English' }] })).toEqual({
      'documents.0.title': 'must not be empty',
      'documents.0.language': 'must be a two-letter language code such as en',
    });
  });

  it('answers enums without a message of their own with the plain list of allowed values', () => {
    expect(fieldMessages(dialogue, { ...valid, format: 'virtual', status: 'maybe', workingGroup: 'piracy' })).toEqual({
      format: 'Choose one of: in-person, online, hybrid.',
      status: 'Choose one of: scheduled, postponed, cancelled.',
      workingGroup: 'Choose one of: firearms, technical-assistance, international-cooperation, trafficking-in-persons, smuggling-of-migrants.',
    });
    const { workingGroup: _group, ...common } = valid;
    expect(fieldMessages(eventSchema(TOPIC_SLUGS), { ...common, kind: 'conference' })).toEqual({
      kind: 'Choose one of: session, webinar, workshop, briefing, observance, expert-group.',
    });
    // Every issue of a thoroughly wrong entry is checked for zod's text by issuesOf.
    expect(issuesOf(eventSchema(TOPIC_SLUGS), { illustrative: 'yes', languages: [], documents: 'none' }).length).toBeGreaterThan(0);
  });

  it('sideEventSchema: asks for the host meeting', () => {
    const { workingGroup: _group, ...common } = valid;
    expect(fieldMessages(sideEventSchema(TOPIC_SLUGS), { ...common, hostMeeting: '  ' })).toEqual({ hostMeeting: 'must not be empty' });
    expect(fieldMessages(sideEventSchema(TOPIC_SLUGS), { ...common, hostMeeting: tooLong(201) })).toEqual({ hostMeeting: 'must be at most 200 characters' });
    expect(fieldMessages(sideEventSchema(TOPIC_SLUGS), common)).toEqual({ hostMeeting: 'Fill in this field.' });
  });

  it('registrationSchema: asks for the url of an external registration and a close after the opening', () => {
    expect(fieldMessages(registrationSchema, { mode: 'external' })).toEqual({ url: 'an external registration needs the url of the other system' });
    expect(fieldMessages(registrationSchema, { mode: 'external', url: 'registration.example.org' })).toEqual({
      url: 'must be a full URL such as https://www.unodc.org/…',
    });
    expect(fieldMessages(registrationSchema, { mode: 'external', url: 'javascript:alert(1)' })).toEqual({ url: 'must start with http:// or https://' });
    expect(fieldMessages(registrationSchema, { mode: 'reviewed', opens: '2027-02-01T00:00', closes: '2027-01-01T23:59' })).toEqual({
      closes: 'must be after opens',
    });
    expect(fieldMessages(registrationSchema, { mode: 'open', opens: 'soon' })).toEqual({ opens: dateMessage });
    expect(fieldMessages(registrationSchema, { mode: 'first-come', capacityInPerson: -1, maxPerOrganisation: 0, eligibleTypes: ['government'] })).toEqual({
      mode: 'Choose one of: open, reviewed, external, none.',
      capacityInPerson: 'Use a value of at least 0.',
      maxPerOrganisation: 'Use a value of at least 1.',
      'eligibleTypes.0': 'Choose one of: ngo, academia, private-sector, foundation, network, other.',
    });
  });

  it('callForInputSchema: asks for non-empty questions and a close after the opening', () => {
    const call = { opens: '2026-12-01T00:00', closes: '2027-02-15T23:59' };
    expect(fieldMessages(callForInputSchema, { ...call, questions: ['What works?', '  '] })).toEqual({ 'questions.1': 'must not be empty' });
    expect(fieldMessages(callForInputSchema, { ...call, questions: [tooLong(501)] })).toEqual({ 'questions.0': 'must be at most 500 characters' });
    expect(fieldMessages(callForInputSchema, { ...call, closes: '2026-11-01T00:00' })).toEqual({ closes: 'must be after opens' });
    expect(fieldMessages(callForInputSchema, {})).toEqual({ opens: dateMessage, closes: dateMessage });
    expect(fieldMessages(callForInputSchema, { ...call, wordLimit: 10 })).toEqual({ wordLimit: 'Use a value of at least 50.' });
  });

  it('topicSchema: asks for a non-empty, short enough title and summary', () => {
    expect(fieldMessages(topicSchema, { title: '', summary: tooLong(601) })).toEqual({
      title: 'must not be empty',
      summary: 'must be at most 600 characters',
    });
    expect(fieldMessages(topicSchema, { title: tooLong(121), summary: 'Summary', order: 'first' })).toEqual({
      title: 'must be at most 120 characters',
      order: 'This value is not valid here.',
    });
  });
});

describe('text refuses NUL and C0 control characters except tab and newline', () => {
  const message = 'Remove the control characters (such as NUL) from this text: it can hold letters, digits, punctuation, tabs and line breaks.';

  it('every string schema refuses them, with its own message first, whatever else the schema checks', () => {
    for (const control of ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u000e', '\u001b', '\u001f', '\u007f']) {
      expect(fieldMessages(z.object({ name: z.string().trim().min(1).max(20) }), { name: `Eve${control}` }), JSON.stringify(control)).toEqual({ name: message });
    }
    // Tab, line feed and carriage return are text.
    expect(z.string().safeParse('one\ttwo\r\nthree\n').success).toBe(true);
    // The schemas the forms use, not only the bare builder.
    expect(fieldMessages(signInSchema, { email: 'nul\u0000@example.org', password: 'a long passphrase' })).toMatchObject({ email: message });
    expect(fieldMessages(submissionFormSchema(TOPIC_SLUGS), { title: 'Findings', topics: ['firearms'], body: 'Line one\u000bline two', answers: ['ok\u0007'] })).toMatchObject({ body: message, 'answers.0': message });
  });
});
