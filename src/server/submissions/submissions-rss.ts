// RSS 2.0 of published written input.
import type { Locale, Messages } from '../../i18n';
import { localeUrl } from '../../i18n/paths';
import { escapeXml } from '../http/xml';
import { rssDescription, rssDocument } from '../http/rss-document';
import { markdownToPlainText } from '../markdown/render-markdown';
import type { SubmissionSummary } from './submission-lists';
import { countryName } from '../countries/countries';

export function renderSubmissionsRss(submissions: readonly SubmissionSummary[], origin: string, t: Messages, locale: Locale): string {
  const items = submissions.map((submission) => {
    const link = localeUrl(locale, `/submissions/${submission.id}`, origin);
    return [
      '    <item>',
      `      <title>${escapeXml(`${submission.organisationName}: ${submission.title}`)}</title>`,
      `      <link>${escapeXml(link)}</link>`,
      `      <guid isPermaLink="true">${escapeXml(link)}</guid>`,
      // Every item is dated: input published before publication was timed falls back to when it was sent.
      `      <pubDate>${new Date(submission.publishedAt ?? submission.submittedAt ?? submission.updatedAt).toUTCString()}</pubDate>`,
      `      ${rssDescription(markdownToPlainText(submission.body || submission.answers.join(' '), 500))}`,
      ...submission.topics.map((topic) => `      <category>${escapeXml(topic)}</category>`),
      ...submission.states.map((code) => `      <category>${escapeXml(countryName(code, locale))}</category>`),
      '    </item>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return rssDocument({ title: t.submissions.rssTitle, link: localeUrl(locale, '/submissions', origin), description: t.submissions.archiveIntro, language: locale }, items);
}
