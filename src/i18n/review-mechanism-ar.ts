// آلية الاستعراض وصفحات البلدان بالعربية: ترجمة review-mechanism-en.ts (جزء من
// الفهرس `ar`). المصطلحات: docs/terminology.md (قرار مؤتمر الأطراف 9/1).
import type { ReviewCluster, ReviewStage } from '../server/review-mechanism/schema';
import type { WorkingGroup } from './review-mechanism-en';
import { pluralFor } from './plural';

const plural = pluralFor('ar');

function currentSentence(current: string | undefined): string {
  if (current) return ` المرحلة الجارية: ${current}.`;
  return ' لا توجد مرحلة جارية.';
}

export const reviewMechanismAr = {
  navLink: 'آلية الاستعراض',
  countriesNavLink: 'البلدان',
  title: 'آلية الاستعراض',
  description: 'كيف تستعرض الدول الأطراف تنفيذ بعضها بعضًا للاتفاقية، وأي مجموعة مواضيعية قيد الاستعراض، وأين يشارك المجتمع المدني.',
  intro: [
    'منذ عام 2020، تستعرض الدول الأطراف، في إطار آلية استعراض تنفيذ اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية والبروتوكولات الملحقة بها، كيفية تنفيذ كل منها لهذه الصكوك. ويجري الاستعراض مجموعةً مواضيعيةً تلو الأخرى، على مراحل تمتد كل منها عدة سنوات.',
    'تستعرض كلَّ دولة طرف دولتان طرفان أخريان تُختاران بالقرعة، إحداهما من مجموعتها الإقليمية. وتجيب الدولة الطرف المستعرَضة عن استبيان التقييم الذاتي وتقدّم قوانينها ووثائقها الأخرى؛ وتدرسها الدولتان الطرفان المستعرِضتان (الاستعراض المكتبي)، ويجوز لهما إجراء حوار مباشر معها، ثم يُتّفق على تقرير.',
    'وتنظر الأفرقة العاملة التابعة لمؤتمر الأطراف في نتائج الاستعراضات. وتُعقد على هامش دوراتها حوارات بنّاءة يُستمع فيها إلى المنظمات غير الحكومية والأوساط الأكاديمية والقطاع الخاص، حضوريًا أو عبر الإنترنت، أو كتابةً من خلال الدعوة إلى تقديم مساهمات.',
  ],
  takePartTitle: 'كيف تشارك',
  takePart: [
    'ابحث عن بلدك: تبيّن صفحته ما إذا كان قيد الاستعراض، وفي أي مجموعة مواضيعية، وإلى أين وصل الاستعراض.',
    'تابع الحوار البنّاء الذي يتناول تلك المجموعة المواضيعية: قدّم طلبًا للمشاركة فيه، وأجب عن الدعوة إلى تقديم مساهمات ما دامت مفتوحة.',
  ],
  countriesLink: 'البلدان واستعراضاتها',
  timelineTitle: 'دورة الاستعراض',
  timelineIntro: 'المجموعات المواضيعية في الصفوف، والسنوات في الأعمدة من اليمين إلى اليسار. كل شريط مرحلة؛ والمربعات دورات الأفرقة العاملة، والدوائر حوارات بنّاءة؛ والمرحلة الجارية مظلّلة بخطوط مائلة ومعلَّمة بكلمة «الجارية».',
  timelineSvgTitle: 'المخطط الزمني لدورة الاستعراض',
  timelineSummary: (phases: number, current: string | undefined) =>
    `${plural(phases, { zero: 'لا توجد مراحل معروضة.', one: 'مرحلة واحدة معروضة.', two: 'مرحلتان معروضتان.', few: '# مراحل معروضة.', many: '# مرحلة معروضة.', other: '# مرحلة معروضة.' })}${currentSentence(current)} ويسرد الجدول أدناه جميع المراحل مع دوراتها وحواراتها.`,
  current: 'الجارية',
  today: 'اليوم',
  legendSession: 'دورة فريق عامل',
  legendDialogue: 'حوار بنّاء',
  notScheduled: 'لم تُحدَّد بعد',
  tableCaption: 'دورة الاستعراض في شكل نص',
  phase: 'المرحلة',
  cluster: 'المجموعة المواضيعية',
  period: 'الفترة',
  sessions: 'دورات الأفرقة العاملة',
  dialogues: 'الحوارات البنّاءة',
  currentPhase: 'المرحلة الجارية',
  none: 'لا شيء بعد',
  statesInPhase: (count: number) =>
    plural(count, { zero: 'لا توجد دول قيد الاستعراض', one: 'دولة واحدة قيد الاستعراض', two: 'دولتان قيد الاستعراض', few: '# دول قيد الاستعراض', many: '# دولة قيد الاستعراض', other: '# دولة قيد الاستعراض' }),
  illustrative: 'للتوضيح فقط: المراحل والاستعراضات المعروضة هنا مختلَقة لأغراض العرض التوضيحي.',
  clusters: {
    'criminalization-and-jurisdiction': 'التجريم والولاية القضائية',
    'prevention-and-technical-assistance': 'المنع والمساعدة التقنية وتدابير الحماية وغيرها من التدابير',
    'law-enforcement-and-judicial-system': 'إنفاذ القانون والنظام القضائي',
    'international-cooperation': 'التعاون الدولي والمساعدة القانونية المتبادلة وتسليم المطلوبين والمصادرة',
  } satisfies Record<ReviewCluster, string>,
  clustersShort: {
    'criminalization-and-jurisdiction': 'التجريم',
    'prevention-and-technical-assistance': 'المنع والمساعدة التقنية',
    'law-enforcement-and-judicial-system': 'إنفاذ القانون',
    'international-cooperation': 'التعاون الدولي',
  } satisfies Record<ReviewCluster, string>,
  phaseNames: {
    'criminalization-and-jurisdiction': (from: number, to: number) => `مرحلة استعراض التجريم والولاية القضائية (${from}–${to})`,
    'prevention-and-technical-assistance': (from: number, to: number) => `مرحلة استعراض المنع والمساعدة التقنية والحماية (${from}–${to})`,
    'law-enforcement-and-judicial-system': (from: number, to: number) => `مرحلة استعراض إنفاذ القانون والنظام القضائي (${from}–${to})`,
    'international-cooperation': (from: number, to: number) => `مرحلة استعراض التعاون الدولي (${from}–${to})`,
  } satisfies Record<ReviewCluster, (from: number, to: number) => string>,
  sessionName: (workingGroup: string, year: number) => `${workingGroup}، دورة عام ${year}`,
  workingGroups: {
    firearms: 'الفريق العامل المعني بالأسلحة النارية',
    'technical-assistance': 'الفريق العامل للخبراء الحكوميين المعني بالمساعدة التقنية',
    'international-cooperation': 'الفريق العامل المعني بالتعاون الدولي',
    'trafficking-in-persons': 'الفريق العامل المعني بالاتجار بالأشخاص',
    'smuggling-of-migrants': 'الفريق العامل المعني بتهريب المهاجرين',
  } satisfies Record<WorkingGroup, string>,
  stages: {
    questionnaire: 'استبيان التقييم الذاتي: تجيب الدولة المستعرَضة',
    'desk-review': 'الاستعراض المكتبي من جانب الدولتين المستعرِضتين',
    dialogue: 'الحوار المباشر بين الدول',
    report: 'الاتفاق على التقرير',
  } satisfies Record<ReviewStage, string>,
  dialogue: {
    title: 'الاستعراضات التي يتناولها',
    examines: (phase: string, cluster: string) => `يُعقد على هامش دورة لفريق عامل ينظر في هذه المرحلة من دورة الاستعراض: ${phase}، بشأن المجموعة المواضيعية «${cluster}».`,
    howItWorks: 'كيف تعمل آلية الاستعراض',
    statesUnderReview: 'الدول الأطراف قيد الاستعراض في هذه المرحلة:',
  },
  countries: {
    title: 'البلدان واستعراضاتها',
    description: 'الدول التي تخضع للاستعراض، وفي أي مجموعة مواضيعية، ومن يستعرضها، والحوارات التي يمكن فيها للمجتمع المدني أن يتحدث عنها.',
    intro: 'تجمع صفحة كل دولة استعراضاتها، والحوارات البنّاءة والدعوات إلى تقديم مساهمات التي تخصها، والفعاليات التي تُعقد فيها أو بالقرب منها.',
    underReviewTitle: 'الدول التي لها استعراض',
    state: 'الدولة',
    reviewedBy: 'الدولتان المستعرِضتان',
    stage: 'سير الاستعراض',
    nowUnderReview: 'قيد الاستعراض حاليًا',
    allTitle: 'جميع الدول والمناطق',
    allSummary: 'عرض قائمة الأمم المتحدة كاملة',
  },
  country: {
    breadcrumb: 'البلدان',
    description: (name: string) => `استعراضات ${name} في إطار آلية الاستعراض، وكيف يمكن للمجتمع المدني أن يشارك.`,
    reviewsTitle: 'استعراضاتها',
    noReviews: 'لا تتضمن البوابة بعدُ أي استعراض لهذه الدولة.',
    underReview: (cluster: string) => `قيد الاستعراض حاليًا، في المجموعة المواضيعية «${cluster}».`,
    pastReview: (cluster: string) => `استُعرضت في المجموعة المواضيعية «${cluster}».`,
    reviewers: 'الدول الأطراف المستعرِضة',
    stage: 'سير الاستعراض',
    phase: 'المرحلة',
    documents: 'الوثائق العامة',
    noDocuments: 'لا توجد وثائق عامة بعد (كثيرًا ما لا تكون وثائق الاستعراض علنية).',
    dialoguesTitle: 'الحوارات البنّاءة التي تتناول هذه المجموعة المواضيعية',
    noDialogues: 'لم يُعلَن بعدُ عن أي حوار لهذه المرحلة.',
    callsTitle: 'الدعوات إلى تقديم مساهمات التي يمكنك الرد عليها',
    noCalls: 'لا توجد دعوة مفتوحة أو معلنة إلى تقديم مساهمات بشأن استعراضاتها.',
    callCloses: 'تُغلق في',
    readCall: 'اقرأ الدعوة إلى تقديم مساهمات',
    reviewingTitle: 'استعراضات تشارك فيها بصفتها دولة مستعرِضة',
    upcomingInTitle: (name: string) => `الفعاليات المقبلة في ${name}`,
    noUpcomingIn: 'لا تُعقد أي فعالية مقبلة في هذه الدولة.',
    upcomingNearTitle: (region: string) => `الفعاليات المقبلة القريبة (${region})`,
    organisationsTitle: (name: string) => `المنظمات المعتمدة من ${name}`,
    noOrganisations: 'لم توافق بعدُ أي منظمة معتمدة من هذه الدولة على إدراجها في الدليل.',
    allOrganisations: (count: number) =>
      plural(count, { zero: 'لا توجد منظمات في الدليل', one: 'هذه المنظمة في الدليل', two: 'المنظمتان كلتاهما في الدليل', few: 'جميع المنظمات الـ# في الدليل', many: 'جميع المنظمات الـ# في الدليل', other: 'جميع المنظمات الـ# في الدليل' }),
    reviewOf: (state: string, cluster: string) => `${state}، ${cluster}`,
  },
};
