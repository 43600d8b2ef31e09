// Links of a page in another language stay in it; the language switcher's
// links (rel="alternate", the same page in another language) are left as written.
import { describe, expect, it } from 'vitest';
import { localiseLinks } from '../../src/server/http/localised-links';

describe('localiseLinks', () => {
  it('prefixes root links and form actions, and leaves the switcher, absolute links and shared files alone', () => {
    const html = [
      '<a href="/events?format=online">Events</a>',
      '<form method="post" action="/signin"><button formaction="/signout">x</button></form>',
      '<a href="/events" rel="alternate" lang="en" hreflang="en" dir="ltr">English</a>',
      '<a href="/ar/events" rel="alternate" lang="ar" hreflang="ar" dir="rtl">العربية</a>',
      '<a href="/documents/x.pdf" hreflang="en">Programme</a>',
      '<a href="https://www.unodc.org/">UNODC</a><script src="/scripts/local-time.js"></script><a href="/">Home</a>',
    ].join('');
    expect(localiseLinks(html, 'fr')).toBe([
      '<a href="/fr/events?format=online">Events</a>',
      '<form method="post" action="/fr/signin"><button formaction="/fr/signout">x</button></form>',
      '<a href="/events" rel="alternate" lang="en" hreflang="en" dir="ltr">English</a>',
      '<a href="/ar/events" rel="alternate" lang="ar" hreflang="ar" dir="rtl">العربية</a>',
      '<a href="/fr/documents/x.pdf" hreflang="en">Programme</a>',
      '<a href="https://www.unodc.org/">UNODC</a><script src="/scripts/local-time.js"></script><a href="/fr">Home</a>',
    ].join(''));
    expect(localiseLinks(html, 'en')).toBe(html);
  });
});
