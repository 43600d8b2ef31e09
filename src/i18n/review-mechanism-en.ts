// English strings of the Review Mechanism and country pages (part of the `en`
// catalogue as `reviewMechanism`; review-mechanism-{fr,es,ru,zh,ar}.ts say the
// same in the other five languages). Cluster and stage names follow the
// Conference's wording; the terms of each language are in docs/terminology.md.
import type { WORKING_GROUPS } from '../server/events/schema';
import type { ReviewCluster, ReviewStage } from '../server/review-mechanism/schema';

export type WorkingGroup = (typeof WORKING_GROUPS)[number];

export const reviewMechanismEn = {
  /** The site navigation's and footer's links. */
  navLink: 'Review Mechanism',
  countriesNavLink: 'Countries',
  title: 'The Review Mechanism',
  description: 'How States Parties review each other’s implementation of the Convention, which cluster is under review, and where civil society takes part.',
  intro: [
    'Since 2020, the States Parties to the Convention against Transnational Organized Crime and its Protocols review how each of them puts them into practice. The review goes cluster by cluster, over phases of several years.',
    'Each State is reviewed by two other States drawn by lot, one of them from its own regional group. The State answers a questionnaire and sends its laws and documents; the reviewing States study them (the desk review), may talk with it directly (the dialogue), and agree on a report.',
    'The working groups of the Conference examine what the reviews found. On the margins of their sessions, constructive dialogues are held: that is where non-governmental organisations, academia and the private sector are heard, in person, online, or in writing through a call for input.',
  ],
  takePartTitle: 'Where you come in',
  takePart: [
    'Find your country: its page says whether it is under review, in which cluster and how far the review has got.',
    'Follow the constructive dialogue that examines that cluster: apply to take part, and answer its call for input while it is open.',
  ],
  countriesLink: 'Countries and their reviews',
  timelineTitle: 'The review cycle',
  timelineIntro: 'Clusters down, years across. Each bar is a phase; squares are working group sessions, circles are constructive dialogues; the current phase is hatched and marked “current”.',
  timelineSvgTitle: 'Timeline of the review cycle',
  timelineSummary: (phases: number, current: string | undefined) =>
    `${phases} ${phases === 1 ? 'phase' : 'phases'} shown.${current ? ` Current phase: ${current}.` : ' No phase is current.'} The table below lists every phase with its sessions and dialogues.`,
  current: 'current',
  today: 'today',
  legendSession: 'working group session',
  legendDialogue: 'constructive dialogue',
  notScheduled: 'not scheduled yet',
  tableCaption: 'The review cycle in text',
  phase: 'Phase',
  cluster: 'Cluster',
  period: 'Period',
  sessions: 'Working group sessions',
  dialogues: 'Constructive dialogues',
  currentPhase: 'current phase',
  none: 'none yet',
  statesInPhase: (count: number) => `${count} ${count === 1 ? 'State' : 'States'} under review`,
  illustrative: 'Illustrative: the phases and reviews shown here are invented for the demonstration.',
  clusters: {
    'criminalization-and-jurisdiction': 'Criminalization and jurisdiction',
    'prevention-and-technical-assistance': 'Prevention, technical assistance, protection and other measures',
    'law-enforcement-and-judicial-system': 'Law enforcement and the judicial system',
    'international-cooperation': 'International cooperation, mutual legal assistance, extradition and confiscation',
  } satisfies Record<ReviewCluster, string>,
  /** The timeline's row labels: short enough for its 230-pixel column. */
  clustersShort: {
    'criminalization-and-jurisdiction': 'Criminalization',
    'prevention-and-technical-assistance': 'Prevention and assistance',
    'law-enforcement-and-judicial-system': 'Law enforcement',
    'international-cooperation': 'International cooperation',
  } satisfies Record<ReviewCluster, string>,
  /**
   * A phase's name from its cluster and years. English pages show the title
   * the secretariat gave the phase; the other languages name it this way,
   * since the content is written in English only.
   */
  phaseNames: {
    'criminalization-and-jurisdiction': (from: number, to: number) => `Phase on criminalization and jurisdiction (${from}–${to})`,
    'prevention-and-technical-assistance': (from: number, to: number) => `Phase on prevention, technical assistance and protection (${from}–${to})`,
    'law-enforcement-and-judicial-system': (from: number, to: number) => `Phase on law enforcement and the judicial system (${from}–${to})`,
    'international-cooperation': (from: number, to: number) => `Phase on international cooperation (${from}–${to})`,
  } satisfies Record<ReviewCluster, (from: number, to: number) => string>,
  /** A working group session's name, as phaseNames: "Working Group on Firearms, 2027 session". */
  sessionName: (workingGroup: string, year: number) => `${workingGroup}, ${year} session`,
  workingGroups: {
    firearms: 'Working Group on Firearms',
    'technical-assistance': 'Working Group of Government Experts on Technical Assistance',
    'international-cooperation': 'Working Group on International Cooperation',
    'trafficking-in-persons': 'Working Group on Trafficking in Persons',
    'smuggling-of-migrants': 'Working Group on the Smuggling of Migrants',
  } satisfies Record<WorkingGroup, string>,
  stages: {
    questionnaire: 'Questionnaire: the State answers',
    'desk-review': 'Desk review by the reviewing States',
    dialogue: 'Dialogue between the States',
    report: 'Report agreed',
  } satisfies Record<ReviewStage, string>,
  dialogue: {
    title: 'The reviews it examines',
    examines: (phase: string, cluster: string) => `Held on the margins of a working group session that examines this phase of the review cycle: ${phase}, on the cluster “${cluster}”.`,
    howItWorks: 'How the Review Mechanism works',
    statesUnderReview: 'States under review in this phase:',
  },
  countries: {
    title: 'Countries and their reviews',
    description: 'Which States are under review, in which cluster and by whom, and the dialogues where civil society can speak about them.',
    intro: 'Each State’s page gathers its reviews, the constructive dialogues and calls for input that concern it, and the events held in it or near it.',
    underReviewTitle: 'States with a review',
    state: 'State',
    reviewedBy: 'Reviewed by',
    stage: 'Stage',
    nowUnderReview: 'under review now',
    allTitle: 'Every State and area',
    allSummary: 'Show the whole UN list',
  },
  country: {
    breadcrumb: 'Countries',
    description: (name: string) => `The reviews of ${name} under the Review Mechanism, and where civil society can take part.`,
    reviewsTitle: 'Its reviews',
    noReviews: 'No review of this State is in the portal yet.',
    underReview: (cluster: string) => `Under review now, in the cluster “${cluster}”.`,
    pastReview: (cluster: string) => `Reviewed in the cluster “${cluster}”.`,
    reviewers: 'Reviewing States',
    stage: 'Stage',
    phase: 'Phase',
    documents: 'Public documents',
    noDocuments: 'No public document yet (review documents are often not public).',
    dialoguesTitle: 'Constructive dialogues that examine this cluster',
    noDialogues: 'No dialogue is announced for this phase yet.',
    callsTitle: 'Calls for input you can answer',
    noCalls: 'No call for input about its reviews is open or announced.',
    callCloses: 'closes',
    readCall: 'Read the call for input',
    reviewingTitle: 'Reviews in which it is a reviewing State',
    upcomingInTitle: (name: string) => `Upcoming events in ${name}`,
    noUpcomingIn: 'No upcoming event is held in this State.',
    upcomingNearTitle: (region: string) => `Upcoming events nearby (${region})`,
    organisationsTitle: (name: string) => `Accredited organisations from ${name}`,
    noOrganisations: 'No accredited organisation from this State has agreed to be listed yet.',
    allOrganisations: (count: number) => `${count === 1 ? 'This organisation' : `All ${count} organisations`} in the directory`,
    reviewOf: (state: string, cluster: string) => `${state}, ${cluster}`,
  },
};
