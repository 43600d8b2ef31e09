// Front-matter schemas for the three event collections and topics. Kept free of
// `astro:*` so plain unit tests can exercise them; src/content.config.ts wires
// them into Astro's collections.
import { z } from '../validation';
import { isCountryCode } from '../countries/countries';
import { isTimeZone, wallClockSchema } from './wall-clock';

export const FORMATS = ['in-person', 'online', 'hybrid'] as const;
export const STATUSES = ['scheduled', 'postponed', 'cancelled'] as const;
export const ORGANISATION_TYPES = ['ngo', 'academia', 'private-sector', 'foundation', 'network', 'other'] as const;
export const REGISTRATION_MODES = ['open', 'reviewed', 'external', 'none'] as const;
export const DOCUMENT_KINDS = ['programme', 'concept-note', 'summary', 'report', 'background', 'other'] as const;
export const EVENT_KINDS = ['session', 'webinar', 'workshop', 'briefing', 'observance', 'expert-group'] as const;
export const WORKING_GROUPS = [
  'firearms',
  'technical-assistance',
  'international-cooperation',
  'trafficking-in-persons',
  'smuggling-of-migrants',
] as const;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const httpUrl = z
  .url('must be a full URL such as https://www.unodc.org/…')
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://');

const venueSchema = z.object({
  site: text(120),
  room: text(80).optional(),
  city: text(80),
  // ISO 3166-1 alpha-2 from the portal's one country list, which names it as the UN does in each language.
  country: z.string().superRefine((code, ctx) => {
    if (!/^[A-Z]{2}$/.test(code)) ctx.addIssue({ code: 'custom', message: 'must be a two-letter ISO 3166 country code such as AT' });
    else if (!isCountryCode(code)) ctx.addIssue({ code: 'custom', message: `${code} is not a country or area of the UN list; use a code such as AT` });
  }),
});

/** Where a PDF uploaded in the editor is served (src/pages/documents/[file].ts): a site path, so it survives a change of origin. */
export const UPLOADED_DOCUMENT_PATH = /^\/documents\/([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})\.pdf$/;

// A link elsewhere, or a PDF uploaded here; anything else gets the link's messages.
const documentUrl = z.string({ error: 'must be a full URL such as https://www.unodc.org/…' }).superRefine((value, ctx) => {
  if (UPLOADED_DOCUMENT_PATH.test(value)) return;
  const link = httpUrl.safeParse(value);
  if (!link.success) for (const issue of link.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
});

const documentSchema = z.object({
  title: text(160),
  kind: z.enum(DOCUMENT_KINDS),
  url: documentUrl,
  language: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code such as en').default('en'),
});

export const registrationSchema = z
  .object({
    mode: z.enum(REGISTRATION_MODES),
    url: httpUrl.optional(),
    opens: wallClockSchema.optional(),
    closes: wallClockSchema.optional(),
    capacityInPerson: z.number().int().min(0).optional(),
    capacityOnline: z.number().int().min(0).optional(),
    maxPerOrganisation: z.number().int().min(1).optional(),
    waitlist: z.boolean().default(false),
    eligibleTypes: z.array(z.enum(ORGANISATION_TYPES)).min(1).default([...ORGANISATION_TYPES]),
  })
  .superRefine((registration, ctx) => {
    if (registration.mode === 'external' && !registration.url) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'an external registration needs the url of the other system' });
    }
    if (registration.opens && registration.closes && registration.opens >= registration.closes) {
      ctx.addIssue({ code: 'custom', path: ['closes'], message: 'must be after opens' });
    }
  });

export const callForInputSchema = z
  .object({
    opens: wallClockSchema,
    closes: wallClockSchema,
    questions: z.array(text(500)).default([]),
    wordLimit: z.number().int().min(50).max(20000).default(1500),
  })
  .refine((call) => call.opens < call.closes, { path: ['closes'], error: 'must be after opens' });

/**
 * Topic slugs are checked against the topic files that exist, because Astro's
 * content-layer `reference()` does not verify that the referenced entry exists.
 */
export function topicSlugSchema(knownTopics: readonly string[]) {
  return z.string().refine((slug) => knownTopics.includes(slug), {
    error: (issue) => `unknown topic "${String(issue.input)}"; expected one of: ${knownTopics.join(', ')}`,
  });
}

function commonEventFields(knownTopics: readonly string[]) {
  return {
    title: text(200),
    summary: text(600),
    start: wallClockSchema,
    end: wallClockSchema,
    timezone: z.string().refine(isTimeZone, {
      error: (issue) => `"${String(issue.input)}" is not an IANA time zone; use a name such as Europe/Vienna`,
    }),
    format: z.enum(FORMATS),
    venue: venueSchema.optional(),
    topics: z.array(topicSlugSchema(knownTopics)).min(1, 'name at least one topic'),
    organisers: z.array(text(160)).min(1, 'name at least one organiser'),
    languages: z.array(z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code such as en')).min(1).default(['en']),
    status: z.enum(STATUSES).default('scheduled'),
    statusNote: text(300).optional(),
    documents: z.array(documentSchema).default([]),
    registration: registrationSchema.optional(),
    // Demo entries with invented dates say so on the page.
    illustrative: z.boolean().default(false),
  };
}

type CommonEvent = z.infer<z.ZodObject<ReturnType<typeof commonEventFields>>>;

function checkEventConsistency(event: CommonEvent, ctx: z.RefinementCtx) {
  if (event.end <= event.start) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
  }
  if (event.format !== 'online' && !event.venue) {
    ctx.addIssue({ code: 'custom', path: ['venue'], message: `an ${event.format} event needs a venue (site, city, country)` });
  }
}

export function eventSchema(knownTopics: readonly string[]) {
  return z
    .object({ ...commonEventFields(knownTopics), kind: z.enum(EVENT_KINDS) })
    .superRefine(checkEventConsistency);
}

export function sideEventSchema(knownTopics: readonly string[]) {
  return z
    .object({ ...commonEventFields(knownTopics), hostMeeting: text(200) })
    .superRefine(checkEventConsistency);
}

export function dialogueSchema(knownTopics: readonly string[]) {
  return z
    .object({
      ...commonEventFields(knownTopics),
      workingGroup: z.enum(WORKING_GROUPS),
      // A preparation day precedes each constructive dialogue.
      preparationDay: z.boolean().default(false),
      callForInput: callForInputSchema.optional(),
    })
    .superRefine(checkEventConsistency);
}

export const topicSchema = z.object({
  title: text(120),
  summary: text(600),
  // Display order on the topics page.
  order: z.number().int().default(100),
});

export type EventFrontMatter = z.infer<ReturnType<typeof eventSchema>>;
export type SideEventFrontMatter = z.infer<ReturnType<typeof sideEventSchema>>;
export type DialogueFrontMatter = z.infer<ReturnType<typeof dialogueSchema>>;
export type TopicFrontMatter = z.infer<typeof topicSchema>;
export type Registration = z.infer<typeof registrationSchema>;
export type CallForInput = z.infer<typeof callForInputSchema>;
export type EventFormat = (typeof FORMATS)[number];
export type EventStatus = (typeof STATUSES)[number];
