// For crawlers: everything public may be indexed; accounts, forms and the
// secretariat's pages may not; the sitemap lists what is worth fetching.
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ site, url }) => {
  const origin = (site ?? url).origin;
  const body = [
    'User-agent: *',
    'Disallow: /account',
    'Disallow: /admin',
    'Disallow: /calendar/',
    'Disallow: /signin',
    'Disallow: /signup',
    'Disallow: /signout',
    'Disallow: /join',
    'Disallow: /forgot-password',
    'Disallow: /reset-password',
    'Disallow: /verify-email',
    'Disallow: /submissions/new',
    'Disallow: /*/apply',
    'Allow: /',
    '',
    `Sitemap: ${new URL('/sitemap.xml', origin).href}`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
