// Le Mécanisme d’examen et les pages des pays, en français (traduction de
// review-mechanism-en.ts ; fait partie du catalogue `fr`). Terminologie :
// docs/terminology.md (résolution 9/1 de la Conférence des Parties).
import type { ReviewCluster, ReviewStage } from '../server/review-mechanism/schema';
import type { WorkingGroup } from './review-mechanism-en';
import { pluralFor } from './plural';

const plural = pluralFor('fr');

function currentSentence(current: string | undefined): string {
  if (current) return ` Phase en cours : ${current}.`;
  return ' Aucune phase n’est en cours.';
}

export const reviewMechanismFr = {
  navLink: 'Mécanisme d’examen',
  countriesNavLink: 'Pays',
  title: 'Le Mécanisme d’examen',
  description: 'Comment les États parties examinent mutuellement l’application de la Convention, quel groupe thématique est à l’examen et où intervient la société civile.',
  intro: [
    'Depuis 2020, dans le cadre du Mécanisme d’examen de l’application de la Convention des Nations Unies contre la criminalité transnationale organisée et des Protocoles s’y rapportant, les États parties examinent la manière dont chacun d’eux applique ces instruments. L’examen porte successivement sur chaque groupe thématique d’articles, au cours de phases de plusieurs années.',
    'Chaque État partie est examiné par deux autres États parties tirés au sort, dont l’un appartient à son propre groupe régional. L’État partie examiné répond à un questionnaire d’auto-évaluation et communique ses lois et autres documents ; les États parties examinateurs les étudient (l’examen documentaire), peuvent dialoguer directement avec lui (le dialogue direct) et s’accordent sur un rapport.',
    'Les groupes de travail de la Conférence des Parties examinent les résultats des examens. En marge de leurs sessions se tiennent des dialogues constructifs : c’est là que les organisations non gouvernementales, les milieux universitaires et le secteur privé sont entendus, en présentiel, en ligne ou par écrit, en répondant à un appel à contributions.',
  ],
  takePartTitle: 'Comment participer',
  takePart: [
    'Trouvez votre pays : sa page indique s’il fait l’objet d’un examen, dans quel groupe thématique et à quel stade en est l’examen.',
    'Suivez le dialogue constructif consacré à ce groupe thématique : demandez à y participer et répondez à son appel à contributions tant qu’il est ouvert.',
  ],
  countriesLink: 'Les pays et leurs examens',
  timelineTitle: 'Le cycle d’examen',
  timelineIntro: 'Les groupes thématiques en lignes, les années en colonnes. Chaque barre est une phase ; les carrés sont les sessions des groupes de travail, les cercles les dialogues constructifs ; la phase en cours est hachurée et porte la mention « en cours ».',
  timelineSvgTitle: 'Chronologie du cycle d’examen',
  timelineSummary: (phases: number, current: string | undefined) =>
    `${plural(phases, { one: '# phase représentée.', other: '# phases représentées.' })}${currentSentence(current)} Le tableau ci-dessous présente chaque phase avec ses sessions et ses dialogues.`,
  current: 'en cours',
  today: 'aujourd’hui',
  legendSession: 'session d’un groupe de travail',
  legendDialogue: 'dialogue constructif',
  notScheduled: 'pas encore programmé',
  tableCaption: 'Le cycle d’examen sous forme de texte',
  phase: 'Phase d’examen',
  cluster: 'Groupe thématique',
  period: 'Période',
  sessions: 'Sessions des groupes de travail',
  dialogues: 'Dialogues constructifs',
  currentPhase: 'phase en cours',
  none: 'pas encore',
  statesInPhase: (count: number) => plural(count, { one: '# État partie examiné', other: '# États parties examinés' }),
  illustrative: 'Exemple fictif : les phases et les examens présentés ici ont été inventés pour la démonstration.',
  clusters: {
    'criminalization-and-jurisdiction': 'Incrimination et compétence',
    'prevention-and-technical-assistance': 'Prévention, assistance technique, mesures de protection et autres mesures',
    'law-enforcement-and-judicial-system': 'Détection et répression et système judiciaire',
    'international-cooperation': 'Coopération internationale, entraide judiciaire, extradition et confiscation',
  } satisfies Record<ReviewCluster, string>,
  clustersShort: {
    'criminalization-and-jurisdiction': 'Incrimination',
    'prevention-and-technical-assistance': 'Prévention et assistance',
    'law-enforcement-and-judicial-system': 'Détection et répression',
    'international-cooperation': 'Coopération internationale',
  } satisfies Record<ReviewCluster, string>,
  phaseNames: {
    'criminalization-and-jurisdiction': (from: number, to: number) => `Phase consacrée à l’incrimination et à la compétence (${from}–${to})`,
    'prevention-and-technical-assistance': (from: number, to: number) => `Phase consacrée à la prévention, à l’assistance technique et à la protection (${from}–${to})`,
    'law-enforcement-and-judicial-system': (from: number, to: number) => `Phase consacrée à la détection et à la répression et au système judiciaire (${from}–${to})`,
    'international-cooperation': (from: number, to: number) => `Phase consacrée à la coopération internationale (${from}–${to})`,
  } satisfies Record<ReviewCluster, (from: number, to: number) => string>,
  sessionName: (workingGroup: string, year: number) => `${workingGroup}, session de ${year}`,
  workingGroups: {
    firearms: 'Groupe de travail sur les armes à feu',
    'technical-assistance': 'Groupe de travail d’experts gouvernementaux sur l’assistance technique',
    'international-cooperation': 'Groupe de travail sur la coopération internationale',
    'trafficking-in-persons': 'Groupe de travail sur la traite des personnes',
    'smuggling-of-migrants': 'Groupe de travail sur le trafic illicite de migrants',
  } satisfies Record<WorkingGroup, string>,
  stages: {
    questionnaire: 'Questionnaire d’auto-évaluation : l’État partie répond',
    'desk-review': 'Examen documentaire par les États parties examinateurs',
    dialogue: 'Dialogue direct entre les États parties',
    report: 'Rapport approuvé',
  } satisfies Record<ReviewStage, string>,
  dialogue: {
    title: 'Les examens dont il traite',
    examines: (phase: string, cluster: string) => `Tenu en marge d’une session de groupe de travail qui examine cette phase du cycle d’examen : ${phase}, groupe thématique « ${cluster} ».`,
    howItWorks: 'Le fonctionnement du Mécanisme d’examen',
    statesUnderReview: 'États parties examinés au cours de cette phase :',
  },
  countries: {
    title: 'Les pays et leurs examens',
    description: 'Quels États parties font l’objet d’un examen, dans quel groupe thématique et par qui, et les dialogues où la société civile peut s’exprimer à leur sujet.',
    intro: 'La page de chaque État réunit ses examens, les dialogues constructifs et les appels à contributions qui le concernent, ainsi que les événements qui se tiennent sur son territoire ou à proximité.',
    underReviewTitle: 'États faisant l’objet d’un examen',
    state: 'État',
    reviewedBy: 'Examiné par',
    stage: 'Stade',
    nowUnderReview: 'en cours d’examen',
    allTitle: 'Tous les États et territoires',
    allSummary: 'Afficher la liste complète de l’ONU',
  },
  country: {
    breadcrumb: 'Pays',
    description: (name: string) => `${name} : ses examens au titre du Mécanisme d’examen, et comment la société civile peut y prendre part.`,
    reviewsTitle: 'Ses examens',
    noReviews: 'Aucun examen de cet État ne figure encore sur le portail.',
    underReview: (cluster: string) => `En cours d’examen, groupe thématique « ${cluster} ».`,
    pastReview: (cluster: string) => `Examiné au titre du groupe thématique « ${cluster} ».`,
    reviewers: 'États parties examinateurs',
    stage: 'Stade',
    phase: 'Phase d’examen',
    documents: 'Documents publics',
    noDocuments: 'Aucun document public pour l’instant (les documents d’examen ne sont souvent pas publics).',
    dialoguesTitle: 'Dialogues constructifs consacrés à ce groupe thématique',
    noDialogues: 'Aucun dialogue n’est encore annoncé pour cette phase.',
    callsTitle: 'Appels à contributions auxquels vous pouvez répondre',
    noCalls: 'Aucun appel à contributions relatif à ses examens n’est ouvert ni annoncé.',
    callCloses: 'clôture le',
    readCall: 'Lire l’appel à contributions',
    reviewingTitle: 'Examens dans lesquels il est État partie examinateur',
    upcomingInTitle: (name: string) => `Événements à venir sur place (${name})`,
    noUpcomingIn: 'Aucun événement à venir ne se tient dans cet État.',
    upcomingNearTitle: (region: string) => `Événements à venir à proximité (${region})`,
    organisationsTitle: (name: string) => `Organisations accréditées établies dans ce pays (${name})`,
    noOrganisations: 'Aucune organisation accréditée de cet État n’a encore accepté de figurer dans l’annuaire.',
    allOrganisations: (count: number) => plural(count, { one: 'Cette organisation dans l’annuaire', other: 'Les # organisations dans l’annuaire' }),
    reviewOf: (state: string, cluster: string) => `${state}, ${cluster}`,
  },
};
