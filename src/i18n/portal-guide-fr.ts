// Orientation, la boîte en tête des pages d’événement, le centre de connaissances et la recherche, en français
// (traduction de portal-guide-en.ts ; les pages de service restent en anglais pour l’instant).
import { pluralFor } from './plural';
import { servicePagesEn } from './service-pages-en';

const plural = pluralFor('fr');

export const portalGuideFr = {
  orientation: {
    heading: 'Comment participer',
    intro: 'Les organisations de la société civile participent en trois étapes.',
    steps: [
      { title: 'Enregistrez votre organisation', text: 'Créez un compte pour vous et pour votre organisation. Cela prend quelques minutes.' },
      { title: 'Accréditation par le secrétariat', text: 'Le secrétariat vérifie que votre organisation travaille sur les thèmes de la Convention, généralement en quelques jours ouvrables.' },
      { title: 'Demandez à participer et envoyez des contributions écrites', text: 'Une fois votre organisation accréditée, demandez à participer aux réunions et aux dialogues et répondez aux appels à contributions.' },
    ],
    yourNextStep: 'Votre prochaine étape',
    next: {
      'signed-out': { text: 'Créez un compte pour votre organisation. Si vous en avez un, connectez-vous.', action: 'Créer un compte', href: '/signup' },
      unconfirmed: { text: 'Confirmez votre adresse électronique : ouvrez le lien que nous vous avons envoyé par courriel.', action: 'Votre compte', href: '/account' },
      'no-organisation': { text: 'Votre compte n’est lié à aucune organisation. Demandez au point de contact de votre organisation de vous inviter.', action: 'Votre compte', href: '/account' },
      pending: { text: 'Votre organisation attend son accréditation. Vous recevrez un courriel lorsque le secrétariat aura statué.', action: 'Voir son statut', href: '/account' },
      rejected: { text: 'Votre organisation n’a pas été accréditée. La page de votre compte en indique la raison ; mettez à jour le profil et écrivez au secrétariat pour demander un nouvel examen.', action: 'Votre compte', href: '/account' },
      accredited: { text: 'Votre organisation est accréditée : demandez à participer aux événements et répondez aux appels à contributions ci-dessous.', action: 'Trouver un dialogue', href: '/dialogues' },
      secretariat: { text: 'Vous êtes connecté pour le secrétariat.', action: 'Pages du secrétariat', href: '/admin' },
    } as Record<string, { text: string; action: string; href: string }>,
  },
  inputForm: { chooseCall: 'Vous répondez à un appel à contributions ? Choisissez-le d’abord ici, pour que ses questions d’orientation apparaissent dans le formulaire :' },
  header: { search: 'Rechercher', searchLabel: 'Rechercher dans le portail', signUp: 'Créer un compte' },
  footer: {
    about: 'À propos du Mécanisme d’examen et des dialogues constructifs',
    privacy: 'Avis de confidentialité',
    accessibility: 'Accessibilité',
    resources: 'Centre de connaissances',
    contact: 'Contacter le secrétariat',
    servicePages: 'À propos de ce portail',
  },
  box: {
    label: 'En bref',
    when: 'Quand',
    format: 'Modalité',
    applications: 'Demandes de participation',
    applicationsOpenUntil: (date: string) => `Demandes de participation ouvertes jusqu’au ${date}`,
    applicationsOpenFrom: (date: string) => `Demandes de participation ouvertes à partir du ${date}`,
    applicationsClosed: 'Les demandes de participation sont closes',
    applicationsExternal: 'Inscription sur un autre site',
    noApplications: 'Aucune inscription nécessaire',
    places: (modes: { mode: 'in-person' | 'online'; left: number; capacity: number }[]) =>
      modes.length === 1
        ? `${plural(modes[0]!.left, { one: '# place restante', other: '# places restantes' })} sur ${modes[0]!.capacity}`
        : `Places restantes : ${modes.map(({ mode, left, capacity }) => `${left} sur ${capacity} ${mode === 'in-person' ? 'en présentiel' : 'en ligne'}`).join(', ')}`,
    call: 'Contributions écrites',
    callOpenUntil: (date: string) => `Appel à contributions ouvert jusqu’au ${date}`,
    callOpensOn: (date: string) => `Ouverture de l’appel à contributions le ${date}`,
    callClosed: 'L’appel à contributions est clos',
    subscribe: 'Ajouter à votre agenda',
    signInToWrite: 'Connectez-vous pour rédiger une contribution',
    cannotWrite: 'Vous ne pouvez pas rédiger de contribution',
    whyNot: 'Pourquoi',
  },
  servicePages: servicePagesEn,
  resources: {
    title: 'Centre de connaissances',
    intro: 'Boîtes à outils, guides, documents du Mécanisme d’examen, résumés des coprésidents des dialogues passés et enregistrements.',
    types: {
      toolkit: 'Boîte à outils',
      chapter: 'Chapitre de boîte à outils',
      guide: 'Guide pratique',
      'review-mechanism': 'Document du Mécanisme d’examen',
      'co-chairs-summary': 'Résumé des coprésidents',
      recording: 'Enregistrement',
    } as Record<string, string>,
    type: 'Catégorie',
    anyType: 'Toutes les catégories',
    language: 'Langue',
    anyLanguage: 'Toutes les langues',
    open: 'Ouvrir',
    download: 'Télécharger',
    results: (count: number) => plural(count, { one: '# ressource', other: '# ressources' }),
    empty: 'Aucune ressource ne correspond à ces filtres.',
    linked: 'Ressources',
    partOf: 'Fait partie de',
    chapters: 'Chapitres',
    published: 'Date de publication',
  },
  search: {
    title: 'Recherche',
    intro: 'Événements, manifestations parallèles, dialogues, thèmes, ressources et contributions écrites publiées.',
    query: 'Rechercher',
    kind: 'Catégorie',
    anyKind: 'Tout',
    kinds: { event: 'Événements', topic: 'Thèmes', resource: 'Ressources', input: 'Contributions écrites' } as Record<string, string>,
    submit: 'Lancer la recherche',
    results: (count: number, query: string) => `${plural(count, { one: '# résultat', other: '# résultats' })} pour « ${query} »`,
    empty: (query: string) => `Aucun résultat pour « ${query} ». Essayez avec moins de mots, ou d’autres.`,
    prompt: 'Saisissez un mot ou deux : un thème, un lieu, une réunion.',
    tooLong: 'Utilisez au plus 200 caractères.',
  },
};
