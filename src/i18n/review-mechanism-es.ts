// El Mecanismo de Examen y las páginas de los países, en español (traducción
// de review-mechanism-en.ts; forma parte del catálogo `es`). Terminología:
// docs/terminology.md (resolución 9/1 de la Conferencia de las Partes).
import type { ReviewCluster, ReviewStage } from '../server/review-mechanism/schema';
import type { WorkingGroup } from './review-mechanism-en';
import { pluralFor } from './plural';

const plural = pluralFor('es');

function currentSentence(current: string | undefined): string {
  if (current) return ` Fase en curso: ${current}.`;
  return ' Ninguna fase está en curso.';
}

export const reviewMechanismEs = {
  navLink: 'Mecanismo de Examen',
  countriesNavLink: 'Países',
  title: 'El Mecanismo de Examen',
  description: 'Cómo los Estados partes examinan mutuamente la aplicación de la Convención, qué grupo temático se está examinando y dónde participa la sociedad civil.',
  intro: [
    'Desde 2020, en el marco del Mecanismo de Examen de la Aplicación de la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional y sus Protocolos, los Estados partes examinan la manera en que cada uno de ellos aplica esos instrumentos. El examen avanza grupo temático por grupo temático, en fases de varios años.',
    'Cada Estado parte es examinado por otros dos Estados partes elegidos por sorteo, uno de ellos de su propio grupo regional. El Estado parte examinado responde a un cuestionario de autoevaluación y envía sus leyes y otros documentos; los Estados partes examinadores los estudian (el examen documental), pueden dialogar directamente con él (el diálogo directo) y acuerdan un informe.',
    'Los grupos de trabajo de la Conferencia de las Partes examinan los resultados de los exámenes. En el marco de sus períodos de sesiones se celebran diálogos constructivos: allí se escucha a las organizaciones no gubernamentales, el mundo académico y el sector privado, de forma presencial, en línea o por escrito, respondiendo a una convocatoria de contribuciones.',
  ],
  takePartTitle: 'Cómo participar',
  takePart: [
    'Busque su país: su página indica si está siendo examinado, en qué grupo temático y en qué etapa se encuentra el examen.',
    'Siga el diálogo constructivo que examina ese grupo temático: solicite participar y responda a su convocatoria de contribuciones mientras esté abierta.',
  ],
  countriesLink: 'Los países y sus exámenes',
  timelineTitle: 'El ciclo de examen',
  timelineIntro: 'Los grupos temáticos en filas, los años en columnas. Cada barra es una fase; los cuadrados son períodos de sesiones de los grupos de trabajo, y los círculos, diálogos constructivos; la fase en curso aparece rayada y con la indicación “en curso”.',
  timelineSvgTitle: 'Cronología del ciclo de examen',
  timelineSummary: (phases: number, current: string | undefined) =>
    `${plural(phases, { one: 'Se muestra # fase.', other: 'Se muestran # fases.' })}${currentSentence(current)} En el cuadro siguiente figuran todas las fases con sus períodos de sesiones y sus diálogos.`,
  current: 'en curso',
  today: 'hoy',
  legendSession: 'período de sesiones de un grupo de trabajo',
  legendDialogue: 'diálogo constructivo',
  notScheduled: 'aún sin programar',
  tableCaption: 'El ciclo de examen en forma de texto',
  phase: 'Fase',
  cluster: 'Grupo temático',
  period: 'Período',
  sessions: 'Períodos de sesiones de los grupos de trabajo',
  dialogues: 'Diálogos constructivos',
  currentPhase: 'fase en curso',
  none: 'aún no hay',
  statesInPhase: (count: number) => plural(count, { one: '# Estado parte examinado', other: '# Estados partes examinados' }),
  illustrative: 'Ilustrativo: las fases y los exámenes que aquí figuran se han inventado para la demostración.',
  clusters: {
    'criminalization-and-jurisdiction': 'Penalización y jurisdicción',
    'prevention-and-technical-assistance': 'Prevención, asistencia técnica, medidas de protección y otras medidas',
    'law-enforcement-and-judicial-system': 'Aplicación de la ley y sistema judicial',
    'international-cooperation': 'Cooperación internacional, asistencia judicial recíproca, extradición y decomiso',
  } satisfies Record<ReviewCluster, string>,
  clustersShort: {
    'criminalization-and-jurisdiction': 'Penalización',
    'prevention-and-technical-assistance': 'Prevención y asistencia',
    'law-enforcement-and-judicial-system': 'Aplicación de la ley',
    'international-cooperation': 'Cooperación internacional',
  } satisfies Record<ReviewCluster, string>,
  phaseNames: {
    'criminalization-and-jurisdiction': (from: number, to: number) => `Fase sobre penalización y jurisdicción (${from}–${to})`,
    'prevention-and-technical-assistance': (from: number, to: number) => `Fase sobre prevención, asistencia técnica y protección (${from}–${to})`,
    'law-enforcement-and-judicial-system': (from: number, to: number) => `Fase sobre aplicación de la ley y sistema judicial (${from}–${to})`,
    'international-cooperation': (from: number, to: number) => `Fase sobre cooperación internacional (${from}–${to})`,
  } satisfies Record<ReviewCluster, (from: number, to: number) => string>,
  sessionName: (workingGroup: string, year: number) => `${workingGroup}, período de sesiones de ${year}`,
  workingGroups: {
    firearms: 'Grupo de Trabajo sobre Armas de Fuego',
    'technical-assistance': 'Grupo de Trabajo de Expertos Gubernamentales sobre Asistencia Técnica',
    'international-cooperation': 'Grupo de Trabajo sobre Cooperación Internacional',
    'trafficking-in-persons': 'Grupo de Trabajo sobre la Trata de Personas',
    'smuggling-of-migrants': 'Grupo de Trabajo sobre el Tráfico Ilícito de Migrantes',
  } satisfies Record<WorkingGroup, string>,
  stages: {
    questionnaire: 'Cuestionario de autoevaluación: responde el Estado parte',
    'desk-review': 'Examen documental por los Estados partes examinadores',
    dialogue: 'Diálogo directo entre los Estados partes',
    report: 'Informe acordado',
  } satisfies Record<ReviewStage, string>,
  dialogue: {
    title: 'Los exámenes de los que trata',
    examines: (phase: string, cluster: string) => `Se celebra en el marco de un período de sesiones de un grupo de trabajo que examina esta fase del ciclo de examen: ${phase}, grupo temático “${cluster}”.`,
    howItWorks: 'Cómo funciona el Mecanismo de Examen',
    statesUnderReview: 'Estados partes examinados en esta fase:',
  },
  countries: {
    title: 'Los países y sus exámenes',
    description: 'Qué Estados partes están siendo examinados, en qué grupo temático y por quién, y los diálogos en que la sociedad civil puede pronunciarse sobre ellos.',
    intro: 'La página de cada Estado reúne sus exámenes, los diálogos constructivos y las convocatorias de contribuciones que le conciernen, y los eventos que se celebran en su territorio o cerca de él.',
    underReviewTitle: 'Estados con un examen',
    state: 'Estado',
    reviewedBy: 'Examinado por',
    stage: 'Etapa',
    nowUnderReview: 'en examen actualmente',
    allTitle: 'Todos los Estados y zonas',
    allSummary: 'Mostrar la lista completa de las Naciones Unidas',
  },
  country: {
    breadcrumb: 'Países',
    description: (name: string) => `Los exámenes de ${name} en el marco del Mecanismo de Examen y cómo puede participar la sociedad civil.`,
    reviewsTitle: 'Sus exámenes',
    noReviews: 'Aún no figura en el portal ningún examen de este Estado.',
    underReview: (cluster: string) => `En examen actualmente, en el grupo temático “${cluster}”.`,
    pastReview: (cluster: string) => `Examinado en el grupo temático “${cluster}”.`,
    reviewers: 'Estados partes examinadores',
    stage: 'Etapa',
    phase: 'Fase',
    documents: 'Documentos públicos',
    noDocuments: 'Aún no hay documentos públicos (los documentos de los exámenes a menudo no son públicos).',
    dialoguesTitle: 'Diálogos constructivos que examinan este grupo temático',
    noDialogues: 'Aún no se ha anunciado ningún diálogo para esta fase.',
    callsTitle: 'Convocatorias de contribuciones a las que puede responder',
    noCalls: 'No hay ninguna convocatoria de contribuciones abierta ni anunciada sobre sus exámenes.',
    callCloses: 'cierre:',
    readCall: 'Leer la convocatoria de contribuciones',
    reviewingTitle: 'Exámenes en los que es Estado parte examinador',
    upcomingInTitle: (name: string) => `Próximos eventos en ${name}`,
    noUpcomingIn: 'No se celebrará próximamente ningún evento en este Estado.',
    upcomingNearTitle: (region: string) => `Próximos eventos en la región (${region})`,
    organisationsTitle: (name: string) => `Organizaciones acreditadas de ${name}`,
    noOrganisations: 'Ninguna organización acreditada de este Estado ha aceptado todavía figurar en el directorio.',
    allOrganisations: (count: number) => plural(count, { one: 'Esta organización en el directorio', other: 'Las # organizaciones del directorio' }),
    reviewOf: (state: string, cluster: string) => `${state}, ${cluster}`,
  },
};
