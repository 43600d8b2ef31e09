// RFC 5545 values whatever a name or a title holds: a parameter value (CN)
// carries no double quote and no control character, so it cannot end early
// and start parameters of its own; TEXT values are escaped and hold no
// control character. Read back with ical.js, an independent parser.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { eventInvitation } from '../../src/server/calendar/event-ics';
import { assembleFeed } from '../../src/server/calendar/feeds';
import { icalParameterValue, icalText, icalTextCharacters } from '../../src/server/calendar/ical-values';
import { eventKey } from '../../src/server/registrations/application-window';
import { portalEvent } from '../support/event-fixtures';
import { HOSTILE_TEXT, UNSTORABLE_TEXT } from '../support/hostile-text';

const ORIGIN = 'https://whatson.example.org';
const VERSION = { sequence: 2, lastModified: new Date('2027-01-05T08:00:00Z') };
const event = portalEvent('2027-03-firearms');
// RFC 5545 §3.1: CONTROL = %x00-08 / %x0A-1F / %x7F; the only ones in a file are the CRLF that end lines.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

function invitationFor(attendeeName: string, organizerName = 'WhatsOn') {
  const text = eventInvitation(event, 'REQUEST', {
    version: VERSION,
    origin: ORIGIN,
    organizer: { name: organizerName, email: 'no-reply@whatson.example.org' },
    attendee: { name: attendeeName, email: 'eve@example.org' },
  });
  const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
  return { text, vevent, attendees: vevent.getAllProperties('attendee'), organizer: vevent.getFirstProperty('organizer')! };
}

function unfolded(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n');
}

describe('iCalendar parameter values cannot smuggle parameters', () => {
  it('keeps a name like Eve";ROLE=CHAIR;X=" one quoted CN, with the role the portal set', () => {
    const { text, attendees } = invitationFor('Eve";ROLE=CHAIR;X="');
    expect(attendees).toHaveLength(1);
    const [attendee] = attendees;
    expect(attendee!.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendee!.getParameter('cn')).toBe("Eve';ROLE=CHAIR;X='");
    expect(attendee!.getParameter('x')).toBeUndefined();
    expect(attendee!.getFirstValue()).toBe('MAILTO:eve@example.org');
    expect(unfolded(text).filter((line) => line.startsWith('ATTENDEE'))).toEqual([`ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE;CN="Eve';ROLE=CHAIR;X='":MAILTO:eve@example.org`]);
  });

  it('cannot start a line of its own with line breaks or control characters in a name', () => {
    const { text, attendees, organizer } = invitationFor('Mallory\r\nATTENDEE;ROLE=CHAIR:mailto:mallory@example.org\x01\x0b\x7f', 'Portal\n"Team"\x0c\x01');
    expect(attendees).toHaveLength(1);
    expect(attendees[0]!.getParameter('cn')).toBe('Mallory ATTENDEE;ROLE=CHAIR:mailto:mallory@example.org');
    expect(organizer.getParameter('cn')).toBe("Portal 'Team'");
    for (const line of text.split('\r\n')) expect(line).not.toMatch(CONTROL);
  });

  it.each([...HOSTILE_TEXT, ...UNSTORABLE_TEXT])('writes %j in a name as one parameter value', (hostile) => {
    const { text, attendees } = invitationFor(hostile);
    expect(attendees).toHaveLength(1);
    expect(attendees[0]!.getParameter('cn')).toBe(icalParameterValue(hostile) || 'eve@example.org');
    expect(attendees[0]!.getParameter('role')).toBe('REQ-PARTICIPANT');
    for (const line of text.split('\r\n')) expect(line).not.toMatch(CONTROL);
  });

  it('leaves no double quote or control character in a parameter value', () => {
    expect(icalParameterValue('a"b\x00c\td\r\ne\x7f')).toBe("a'bc d e");
    expect(icalParameterValue('  Ana María Núñez  ')).toBe('Ana María Núñez');
  });
});

describe('iCalendar text values are escaped per RFC 5545', () => {
  it.each([...HOSTILE_TEXT, ...UNSTORABLE_TEXT, 'semicolon; comma, backslash \\ and\nnew line'])('reads %j in a title, a summary and a place back as written, without control characters', (hostile) => {
    const hostileEvent = portalEvent('2027-04-hostile', { title: hostile, summary: hostile, venue: { site: hostile, city: 'Vienna', country: 'AT' } });
    const feed = assembleFeed(`WhatsOn - ${hostile}`, [hostileEvent], new Map([[eventKey(hostileEvent), VERSION]]), ORIGIN);
    for (const line of feed.body.split('\r\n')) expect(line).not.toMatch(CONTROL);
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    const expected = icalTextCharacters(hostile);
    expect(vevent.getFirstPropertyValue('summary')).toBe(expected);
    expect(String(vevent.getFirstPropertyValue('description')).startsWith(expected)).toBe(true);
    expect(String(vevent.getFirstPropertyValue('location')).startsWith(expected)).toBe(true);
    // ical.js reads an X- property's value raw, so its TEXT escapes are undone here.
    const calendarName = String(calendar.getFirstPropertyValue('x-wr-calname')).replace(/\\([\\;,nN])/g, (_, escaped: string) => (escaped.toLowerCase() === 'n' ? '\n' : escaped));
    expect(calendarName).toBe(`WhatsOn - ${expected}`);
  });

  it('escapes backslash, semicolon, comma and line breaks once', () => {
    expect(icalText('a\\b;c,d\r\ne\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });
});
