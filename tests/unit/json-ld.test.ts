import { describe, expect, it } from 'vitest';
import { eventJsonLd, serializeJsonLd } from '../../src/server/events/json-ld';
import { portalEvent } from '../support/event-fixtures';

describe('schema.org Event data', () => {
  it('names the event, its start with the venue offset and its place', () => {
    const data = eventJsonLd(portalEvent('tip', { format: 'in-person', start: '2027-07-02T10:00', end: '2027-07-02T13:00' }), 'https://whatson.example');
    expect(data).toMatchObject({
      '@type': 'Event',
      name: 'Constructive dialogue on firearms',
      startDate: '2027-07-02T10:00:00+02:00',
      endDate: '2027-07-02T13:00:00+02:00',
      url: 'https://whatson.example/dialogues/tip',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', name: 'Boardroom D, Vienna International Centre', address: { addressLocality: 'Vienna', addressCountry: 'AT' } },
    });
  });

  it('gives a hybrid event both a place and a virtual location without any join link', () => {
    const data = eventJsonLd(portalEvent('tip'), 'https://whatson.example');
    expect(data.location).toEqual([expect.objectContaining({ '@type': 'Place' }), { '@type': 'VirtualLocation', url: 'https://whatson.example/dialogues/tip' }]);
  });

  it('marks cancelled and postponed events', () => {
    expect(eventJsonLd(portalEvent('x', { status: 'cancelled' }), 'https://w.example').eventStatus).toBe('https://schema.org/EventCancelled');
    expect(eventJsonLd(portalEvent('x', { status: 'postponed' }), 'https://w.example').eventStatus).toBe('https://schema.org/EventPostponed');
  });

  it('cannot close its script element, whatever the title says', () => {
    const text = serializeJsonLd(eventJsonLd(portalEvent('x', { title: '</script><script>alert(1)</script>' }), 'https://w.example'));
    expect(text).not.toContain('</script');
    expect(JSON.parse(text).name).toBe('</script><script>alert(1)</script>');
  });
});
