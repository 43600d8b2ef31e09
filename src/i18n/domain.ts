// The domain catalogue of each language. Typed as every key of the English
// one, so a missing key in any language fails the type check; the
// placeholders are checked by tests/unit/message-catalogues.test.ts.
import type { Locale } from './index';
import type { DomainMessages } from './message';
import { domainEn } from './domain-en';
import { domainAr } from './domain-ar';
import { domainEs } from './domain-es';
import { domainFr } from './domain-fr';
import { domainRu } from './domain-ru';
import { domainZh } from './domain-zh';

export const DOMAIN_CATALOGUES: Record<Locale, DomainMessages> = { ar: domainAr, zh: domainZh, en: domainEn, fr: domainFr, ru: domainRu, es: domainEs };
