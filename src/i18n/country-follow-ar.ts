// سلاسل عربية: الدول المذكورة في المساهمات المكتوبة، ومتابعة بلد.
import type { countryFollowEn } from './country-follow-en';

export const countryFollowAr: typeof countryFollowEn = {
  states: 'الدول التي تتعلق بها المساهمة',
  statesHint: 'اختياري. اختر من القائمة كل دولة تتناولها المساهمة (اضغط باستمرار على مفتاح Ctrl، أو Cmd في حاسوب Mac، لاختيار أكثر من دولة).',
  statesConcerned: 'الدول المعنية',
  stateFilter: 'الدولة المعنية',
  inputTitle: (country: string) => `المساهمات المنشورة التي تذكر ${country}`,
  inputNone: 'لا توجد بعد مساهمات مكتوبة منشورة تذكر هذه الدولة.',
  inputAll: 'جميع المساهمات التي تذكرها، في الأرشيف',
  follow: 'متابعة هذا البلد',
  unfollow: 'إيقاف متابعة هذا البلد',
  following: 'أنت تتابع هذا البلد: فعالياته، والحوارات البنّاءة التي تبحث استعراضاته، مدرجة في تقويمك.',
  signInToFollow: 'سجّل الدخول لمتابعة هذا البلد',
  followed: 'البلدان التي تتابعها',
  followedNone: 'لا تتابع أي بلد بعد: استخدم «متابعة هذا البلد» في صفحة البلد.',
  digestChoice: (country: string) => `موجز عن ${country}`,
};
