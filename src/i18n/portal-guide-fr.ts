// Orientation, encadré des événements, centre de ressources, recherche et pages
// de service, en français (traduction de portal-guide-en.ts et
// service-pages-en.ts ; intégré au catalogue `fr`). [texte](/chemin) est un
// lien ; {contact} et {days} sont remplis par la page.
import type { ServicePage } from './service-pages-en';
import { pluralFor } from './plural';

const plural = pluralFor('fr');

const servicePagesFr: { privacy: ServicePage; accessibility: ServicePage; about: ServicePage; days: (days: number) => string } = {
  days: (days) => plural(days, { one: '# jour', other: '# jours' }),
  privacy: {
    title: 'Avis de confidentialité',
    description: 'Ce que WhatsOn conserve à votre sujet, pourquoi, pendant combien de temps, qui peut le voir, et comment l’obtenir ou le faire supprimer.',
    lead: 'WhatsOn est géré par le secrétariat de l’ONUDC (son Groupe de la société civile) afin que la société civile puisse suivre les réunions relatives à la Convention des Nations Unies contre la criminalité transnationale organisée et y participer. Le présent avis indique ce qu’il conserve à votre sujet et ce que vous pouvez faire.',
    sections: [
      {
        heading: 'Ce qui est conservé, et pourquoi',
        items: [
          'Votre compte : nom, adresse électronique, fonction, organisation et rôle, ainsi que votre mot de passe sous forme d’empreinte irréversible (jamais le mot de passe lui-même). Ces données servent à vous connecter et à vous écrire au sujet de vos demandes.',
          'Le profil de votre organisation : nom, sigle, type, pays, site Web, description, statut auprès de l’ECOSOC, domaines de compétence et décision d’accréditation. Le secrétariat s’en sert pour accréditer l’organisation ; il ne figure dans l’annuaire public que si l’organisation y a consenti.',
          'Les demandes de participation : votre mode de participation (en présentiel ou en ligne), votre présentation, vos demandes d’aide au voyage ou de prise de parole, et la décision. Le secrétariat s’en sert pour organiser la réunion.',
          'Les besoins en matière d’accessibilité, de régime alimentaire ou autres indiqués dans une demande : visibles uniquement par le secrétariat et effacés {days} après la fin de l’événement.',
          'Les contributions écrites envoyées par votre organisation, avec leur pièce jointe : publiées uniquement avec le consentement de l’organisation, après examen par le secrétariat.',
          'Les données de sécurité : sessions de connexion, nombre d’échecs de connexion (par compte et par adresse réseau, supprimés un jour après la dernière tentative) et journal d’audit des décisions du secrétariat.',
          'Les courriels que le portail vous envoie, conservés jusqu’à leur remise.',
        ],
      },
      {
        heading: 'Pendant combien de temps',
        paragraphs: [
          'Votre compte et ce qui s’y rattache sont conservés tant que le compte existe. Les sessions prennent fin au plus tard 90 jours après la connexion (12 heures pour le secrétariat). Les besoins en matière d’accessibilité et similaires sont effacés {days} après l’événement. Lorsque vous supprimez votre compte, vos données personnelles sont supprimées ; les dossiers dont votre organisation a besoin (ses inscriptions et ses contributions publiées) sont conservés sous forme anonymisée.',
        ],
      },
      {
        heading: 'Qui peut les voir',
        paragraphs: [
          'Le secrétariat voit ce dont il a besoin pour accréditer les organisations, se prononcer sur les demandes et modérer les contributions. Le point de contact de votre organisation voit ses inscriptions. Le public ne voit que les contributions publiées, l’annuaire public et les événements eux-mêmes. Rien n’est vendu ni partagé à des fins publicitaires ; le portail ne dépose aucun témoin de suivi, seulement celui qui vous garde connecté.',
        ],
      },
      {
        heading: 'Comment les obtenir ou les supprimer',
        paragraphs: [
          'Une fois connecté, vous pouvez [télécharger tout ce que le portail conserve à votre sujet](/account/data.json) (au format JSON) et [supprimer votre compte](/account/delete). Pour toute autre demande, ou pour demander une rectification, écrivez au secrétariat à l’adresse {contact}.',
        ],
      },
    ],
  },
  accessibility: {
    title: 'Déclaration d’accessibilité',
    description: 'Comment WhatsOn satisfait aux WCAG 2.1 niveau AA, comment il est testé, ses limites connues et comment signaler un obstacle.',
    lead: 'WhatsOn vise à être utilisable par toutes et tous, sur tout appareil, avec ou sans technologie d’assistance.',
    sections: [
      { heading: 'Norme', paragraphs: ['Le portail vise la conformité aux Règles pour l’accessibilité des contenus Web (WCAG) 2.1, niveau AA.'] },
      {
        heading: 'Comment il est testé',
        items: [
          'Chaque type de page est vérifié automatiquement avec axe-core au regard des critères A et AA des WCAG 2.1, dans un vrai navigateur, à chaque modification.',
          'Chaque type de page est vérifié à la largeur d’un téléphone, 375 pixels : rien ne doit défiler horizontalement.',
          'L’utilisation au clavier est testée : un lien d’évitement mène au contenu principal, et chaque commande est accessible et indique où se trouve le focus.',
          'Chaque formulaire fonctionne sans JavaScript ; les erreurs sont signalées à côté des champs et résumées en haut de la page, et rien de ce qui a été saisi n’est perdu.',
          'Les heures sont données dans le fuseau horaire du lieu, nommé, et dans votre propre fuseau lorsque votre navigateur le permet.',
        ],
      },
      {
        heading: 'Limites connues',
        items: [
          'Les documents liés depuis les événements et le centre de ressources sont publiés par des tiers et peuvent ne pas être accessibles ; demandez un autre format au secrétariat.',
          'Certains contenus (descriptions d’événements, documents) ne sont disponibles qu’en anglais pour le moment.',
          'Les vérifications automatiques détectent de nombreux obstacles, mais pas tous ; le portail n’a pas encore été audité par des personnes qui utilisent quotidiennement une technologie d’assistance.',
        ],
      },
      {
        heading: 'Signaler un obstacle',
        paragraphs: [
          'Si un élément de WhatsOn vous est difficile ou impossible à utiliser, écrivez au secrétariat à l’adresse {contact} : indiquez la page, ce que vous avez essayé et, le cas échéant, la technologie d’assistance que vous utilisez. Le secrétariat répond dans un délai de cinq jours ouvrables et, dans l’intervalle, vous aide par d’autres moyens (par exemple, une demande de participation par courriel).',
        ],
      },
    ],
  },
  about: {
    title: 'Le Mécanisme d’examen et les dialogues constructifs',
    description: 'Comment fonctionne le Mécanisme d’examen de l’application de la Convention contre la criminalité transnationale organisée, et où la société civile est entendue.',
    lead: 'La Convention des Nations Unies contre la criminalité transnationale organisée et ses trois Protocoles (traite des personnes, trafic illicite de migrants, armes à feu) font l’objet d’un examen par leurs États parties. La société civile est entendue dans le cadre de cet examen, avant tout lors des dialogues constructifs.',
    sections: [
      {
        heading: 'Le Mécanisme d’examen',
        paragraphs: ['Adopté par la Conférence des Parties en 2018 et lancé en 2020, le Mécanisme examine la manière dont chaque État partie applique la Convention, par groupe thématique :'],
        ordered: true,
        items: [
          'incrimination et compétence ;',
          'prévention, assistance technique, mesures de protection et autres mesures ;',
          'détection et répression, et système judiciaire ;',
          'coopération internationale, entraide judiciaire, extradition et confiscation.',
        ],
        after: [
          'Chaque État est examiné par deux autres États tirés au sort, dont l’un appartient à son groupe régional, sur la base de ses réponses écrites à des questionnaires et de documents (examen documentaire). Les groupes de travail de la Conférence examinent ensuite les résultats. La liste des États en cours d’examen, par phase, est publique ; les documents d’examen souvent ne le sont pas.',
        ],
      },
      {
        heading: 'Les dialogues constructifs',
        paragraphs: [
          'Un dialogue constructif suit chaque réunion des groupes de travail du Mécanisme : armes à feu, assistance technique, coopération internationale, traite des personnes et trafic illicite de migrants. Les organisations non gouvernementales (dotées ou non du statut consultatif auprès de l’ECOSOC), les établissements universitaires et le secteur privé y rencontrent les États, généralement au Centre international de Vienne et en ligne, avec une journée préparatoire la veille. Les demandes de participation sont examinées, la priorité étant donnée à une expertise avérée sur le thème. Chaque dialogue est généralement précédé d’un appel à contributions écrites assorti de questions d’orientation, et les coprésidents en publient ensuite un résumé.',
        ],
      },
      {
        heading: 'Comment participer',
        ordered: true,
        items: [
          '[Enregistrez votre organisation](/signup).',
          'Le secrétariat l’accrédite.',
          'Présentez des demandes de participation aux [dialogues](/dialogues) et aux [événements](/events), et répondez aux appels à [contributions écrites](/submissions).',
        ],
        after: ['Le [centre de ressources](/resources) propose la boîte à outils sur la participation des parties prenantes, des guides et les résumés des dialogues passés. Questions : {contact}.'],
      },
    ],
  },
};

export const portalGuideFr = {
  orientation: {
    heading: 'Comment participer',
    intro: 'Les organisations de la société civile participent en trois étapes.',
    steps: [
      { title: 'Enregistrer votre organisation', text: 'Créez un compte pour vous-même et pour votre organisation. Cela ne prend que quelques minutes.' },
      { title: 'Accréditation par le secrétariat', text: 'Le secrétariat vérifie que votre organisation travaille sur les thèmes de la Convention, généralement en quelques jours ouvrables.' },
      { title: 'Demander à participer et envoyer des contributions écrites', text: 'Une fois accréditée, votre organisation peut demander à participer aux réunions et aux dialogues et répondre aux appels à contributions.' },
    ],
    yourNextStep: 'Votre prochaine étape',
    next: {
      'signed-out': { text: 'Créez un compte pour votre organisation. Si vous en avez déjà un, connectez-vous.', action: 'Créer un compte', href: '/signup' },
      unconfirmed: { text: 'Confirmez votre adresse électronique : ouvrez le lien que nous vous avons envoyé par courriel.', action: 'Votre compte', href: '/account' },
      'no-organisation': { text: 'Votre compte n’est rattaché à aucune organisation. Demandez au point de contact de votre organisation de vous inviter.', action: 'Votre compte', href: '/account' },
      pending: { text: 'Votre organisation attend son accréditation. Vous recevrez un courriel lorsque le secrétariat aura pris sa décision.', action: 'Voir son état', href: '/account' },
      rejected: { text: 'Votre organisation n’a pas été accréditée. La page de votre compte en indique le motif ; mettez le profil à jour et écrivez au secrétariat pour demander un nouvel examen.', action: 'Votre compte', href: '/account' },
      accredited: { text: 'Votre organisation est accréditée : demandez à participer aux événements et répondez aux appels à contributions ci-dessous.', action: 'Trouver un dialogue', href: '/dialogues' },
      secretariat: { text: 'Vous êtes connecté en tant que membre du secrétariat.', action: 'Pages du secrétariat', href: '/admin' },
    } as Record<string, { text: string; action: string; href: string }>,
  },
  inputForm: { chooseCall: 'Vous répondez à un appel à contributions ? Choisissez-le d’abord ici, pour que ses questions d’orientation s’affichent dans le formulaire :' },
  header: { search: 'Rechercher', searchLabel: 'Rechercher sur le portail', signUp: 'S’inscrire' },
  footer: {
    about: 'Le Mécanisme d’examen et les dialogues constructifs',
    privacy: 'Avis de confidentialité',
    accessibility: 'Accessibilité',
    resources: 'Centre de ressources',
    contact: 'Contacter le secrétariat',
    servicePages: 'À propos de ce portail',
  },
  box: {
    label: 'En bref',
    when: 'Date',
    format: 'Modalité',
    applications: 'Demandes de participation',
    applicationsOpenUntil: (date: string) => `Demandes ouvertes jusqu’au ${date}`,
    applicationsOpenFrom: (date: string) => `Ouverture des demandes le ${date}`,
    applicationsClosed: 'Les demandes sont closes',
    applicationsExternal: 'Inscription sur un autre site',
    noApplications: 'Aucune inscription nécessaire',
    /** « 12 places restantes sur 80 », ou par modalité quand les deux sont limitées. */
    places: (modes: { mode: 'in-person' | 'online'; left: number; capacity: number }[]) =>
      modes.length === 1
        ? `${plural(modes[0]!.left, { one: '# place restante', other: '# places restantes' })} sur ${modes[0]!.capacity}`
        : modes.map(({ mode, left, capacity }) => `${left} sur ${capacity} ${mode === 'in-person' ? 'en présentiel' : 'en ligne'}`).join(', ') + ' (places restantes)',
    call: 'Contributions écrites',
    callOpenUntil: (date: string) => `Appel à contributions ouvert jusqu’au ${date}`,
    callOpensOn: (date: string) => `Ouverture de l’appel à contributions le ${date}`,
    callClosed: 'L’appel à contributions est clos',
    subscribe: 'Ajouter à votre agenda',
    signInToWrite: 'Connectez-vous pour rédiger une contribution',
    cannotWrite: 'Vous ne pouvez pas rédiger de contribution',
    whyNot: 'Pourquoi',
  },
  servicePages: servicePagesFr,
  resources: {
    title: 'Centre de ressources',
    intro: 'Boîtes à outils, guides, documents du Mécanisme d’examen, résumés des coprésidents des dialogues passés et enregistrements.',
    types: {
      toolkit: 'Boîte à outils',
      chapter: 'Chapitre de la boîte à outils',
      guide: 'Guide',
      'review-mechanism': 'Document du Mécanisme d’examen',
      'co-chairs-summary': 'Résumé des coprésidents',
      recording: 'Enregistrement',
    } as Record<string, string>,
    type: 'Type',
    anyType: 'Tous les types',
    language: 'Langue',
    anyLanguage: 'Toutes les langues',
    open: 'Ouvrir',
    download: 'Télécharger',
    results: (count: number) => plural(count, { one: '# ressource', other: '# ressources' }),
    empty: 'Aucune ressource ne correspond à ces filtres.',
    linked: 'Ressources',
    partOf: 'Fait partie de',
    chapters: 'Chapitres',
    published: 'Date de parution',
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
    empty: (query: string) => `Aucun résultat pour « ${query} ». Essayez avec moins de mots ou d’autres mots.`,
    prompt: 'Saisissez un ou deux mots : un thème, un lieu, une réunion.',
    tooLong: 'Utilisez 200 caractères au maximum.',
  },
};
