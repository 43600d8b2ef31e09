import type { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { dialogueSchema, eventSchema, sideEventSchema } from '../../src/server/events/schema';
import { TOPIC_SLUGS, WRITTEN_FRONT_MATTER } from '../support/event-fixtures';
import { domainEn } from '../../src/i18n/domain-en';
import { translate } from '../../src/i18n/translate';
import { messageOfIssue } from '../../src/server/result';

const valid = { ...WRITTEN_FRONT_MATTER, workingGroup: 'firearms' };

function issuesOf(data: unknown, schema: z.ZodType = dialogueSchema(TOPIC_SLUGS)) {
  const result = schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message in domainEn ? translate('en', messageOfIssue(issue)) : issue.message }));
}

describe('event front matter', () => {
  it('accepts a complete dialogue and fills the defaults', () => {
    const parsed = dialogueSchema(TOPIC_SLUGS).parse(valid);
    expect(parsed.status).toBe('scheduled');
    expect(parsed.languages).toEqual(['en']);
    expect(parsed.preparationDay).toBe(false);
  });

  it('rejects a topic that has no topic file, naming the known ones', () => {
    expect(issuesOf({ ...valid, topics: ['piracy'] })).toEqual([
      { path: 'topics.0', message: expect.stringMatching(/unknown topic "piracy"; expected one of: .*firearms/) },
    ]);
  });

  it('rejects a zone that is not an IANA name', () => {
    expect(issuesOf({ ...valid, timezone: 'CET' })).toEqual([{ path: 'timezone', message: expect.stringContaining('Europe/Vienna') }]);
  });

  it('rejects an end before the start', () => {
    expect(issuesOf({ ...valid, end: '2027-03-10T09:00' })).toEqual([{ path: 'end', message: 'must be after start' }]);
  });

  it('requires a venue unless the event is online only', () => {
    const { venue: _venue, ...withoutVenue } = valid;
    expect(issuesOf(withoutVenue)).toEqual([{ path: 'venue', message: expect.stringContaining('needs a venue') }]);
    expect(issuesOf({ ...withoutVenue, format: 'online' })).toEqual([]);
  });

  it('rejects an unknown format and status, listing the allowed values', () => {
    const issues = issuesOf({ ...valid, format: 'virtual', status: 'maybe' });
    expect(issues.map((issue) => issue.path)).toEqual(['format', 'status']);
    expect(issues[0]!.message).toBe('Choose one of: in-person, online, hybrid.');
  });

  it('rejects a country that is not an ISO 3166 code', () => {
    expect(issuesOf({ ...valid, venue: { ...valid.venue, country: 'Austria' } })).toEqual([
      { path: 'venue.country', message: expect.stringContaining('ISO 3166') },
    ]);
  });

  it('rejects a two-letter code that is not a country or area of the UN list', () => {
    expect(issuesOf({ ...valid, venue: { ...valid.venue, country: 'UK' } })).toEqual([
      { path: 'venue.country', message: 'UK is not a country or area of the UN list; use a code such as AT' },
    ]);
  });

  it('needs the url of the other system for external registration', () => {
    expect(issuesOf({ ...valid, registration: { mode: 'external' } })).toEqual([{ path: 'registration.url', message: expect.stringContaining('url') }]);
  });

  it('rejects a registration that closes before it opens', () => {
    const registration = { mode: 'reviewed', opens: '2027-02-01T00:00', closes: '2027-01-01T23:59' };
    expect(issuesOf({ ...valid, registration })).toEqual([{ path: 'registration.closes', message: 'must be after opens' }]);
  });

  it('rejects a negative capacity and an unknown organisation type', () => {
    const registration = { mode: 'open', capacityInPerson: -1, eligibleTypes: ['government'] };
    expect(issuesOf({ ...valid, registration }).map((issue) => issue.path)).toEqual(['registration.capacityInPerson', 'registration.eligibleTypes.0']);
  });

  it('requires the kind of an event, the host meeting of a side event and the working group of a dialogue', () => {
    const { workingGroup: _group, ...common } = valid;
    expect(issuesOf(common, eventSchema(TOPIC_SLUGS)).map((issue) => issue.path)).toEqual(['kind']);
    expect(issuesOf(common, sideEventSchema(TOPIC_SLUGS)).map((issue) => issue.path)).toEqual(['hostMeeting']);
    expect(issuesOf(common).map((issue) => issue.path)).toEqual(['workingGroup']);
  });

  it('accepts a call for input with guiding questions and rejects one that closes before it opens', () => {
    const callForInput = { opens: '2026-12-01T00:00', closes: '2027-02-15T23:59', questions: ['What works?'], wordLimit: 1500 };
    expect(issuesOf({ ...valid, callForInput })).toEqual([]);
    expect(issuesOf({ ...valid, callForInput: { ...callForInput, closes: '2026-11-01T00:00' } })).toEqual([
      { path: 'callForInput.closes', message: 'must be after opens' },
    ]);
  });
});
