// Orientación, el recuadro al principio de las páginas de eventos, el centro de conocimientos y la búsqueda, en español
// (traducción de portal-guide-en.ts; las páginas de servicio siguen en inglés por ahora).
import { pluralFor } from './plural';
import { servicePagesEn } from './service-pages-en';

const plural = pluralFor('es');

export const portalGuideEs = {
  orientation: {
    heading: 'Cómo participar',
    intro: 'Las organizaciones de la sociedad civil participan en tres pasos.',
    steps: [
      { title: 'Registre su organización', text: 'Cree una cuenta para usted y para su organización. Se tarda unos minutos.' },
      { title: 'Acreditación por la secretaría', text: 'La secretaría comprueba que su organización trabaja en los temas de la Convención, normalmente en pocos días hábiles.' },
      { title: 'Solicite participación y envíe contribuciones escritas', text: 'Una vez acreditada su organización, solicite participación en reuniones y diálogos y responda a las convocatorias de contribuciones.' },
    ],
    yourNextStep: 'Su próximo paso',
    next: {
      'signed-out': { text: 'Cree una cuenta para su organización. Si ya tiene una, inicie sesión.', action: 'Crear una cuenta', href: '/signup' },
      unconfirmed: { text: 'Confirme su dirección de correo electrónico: abra el enlace que le enviamos.', action: 'Su cuenta', href: '/account' },
      'no-organisation': { text: 'Su cuenta no está vinculada a ninguna organización. Pida a la persona de contacto de su organización que le invite.', action: 'Su cuenta', href: '/account' },
      pending: { text: 'Su organización está a la espera de acreditación. Recibirá un correo electrónico cuando la secretaría decida.', action: 'Ver su estado', href: '/account' },
      rejected: { text: 'Su organización no fue acreditada. La página de su cuenta indica el motivo; actualice el perfil y escriba a la secretaría para solicitar un nuevo examen.', action: 'Su cuenta', href: '/account' },
      accredited: { text: 'Su organización está acreditada: solicite participación en eventos y responda a las convocatorias de contribuciones que figuran más abajo.', action: 'Buscar un diálogo', href: '/dialogues' },
      secretariat: { text: 'Ha iniciado sesión como secretaría.', action: 'Páginas de la secretaría', href: '/admin' },
    } as Record<string, { text: string; action: string; href: string }>,
  },
  inputForm: { chooseCall: '¿Responde a una convocatoria de contribuciones? Elíjala aquí primero, para que sus preguntas orientativas aparezcan en el formulario:' },
  header: { search: 'Buscar', searchLabel: 'Buscar en el portal', signUp: 'Registrarse' },
  footer: {
    about: 'Acerca del Mecanismo de Examen y los diálogos constructivos',
    privacy: 'Aviso de privacidad',
    accessibility: 'Accesibilidad',
    resources: 'Centro de conocimientos',
    contact: 'Contactar con la secretaría',
    servicePages: 'Acerca de este portal',
  },
  box: {
    label: 'De un vistazo',
    when: 'Cuándo',
    format: 'Formato',
    applications: 'Solicitudes',
    applicationsOpenUntil: (date: string) => `Solicitudes abiertas hasta el ${date}`,
    applicationsOpenFrom: (date: string) => `Solicitudes abiertas a partir del ${date}`,
    applicationsClosed: 'El plazo de solicitudes está cerrado',
    applicationsExternal: 'Inscripción en otro sitio',
    noApplications: 'No se requiere inscripción',
    places: (modes: { mode: 'in-person' | 'online'; left: number; capacity: number }[]) =>
      modes.length === 1
        ? `${plural(modes[0]!.left, { one: 'Queda # plaza', other: 'Quedan # plazas' })} de ${modes[0]!.capacity}`
        : `Plazas disponibles: ${modes.map(({ mode, left, capacity }) => `${left} de ${capacity} ${mode === 'in-person' ? 'presenciales' : 'en línea'}`).join(', ')}`,
    call: 'Contribuciones escritas',
    callOpenUntil: (date: string) => `Convocatoria de contribuciones abierta hasta el ${date}`,
    callOpensOn: (date: string) => `La convocatoria de contribuciones se abre el ${date}`,
    callClosed: 'La convocatoria de contribuciones está cerrada',
    subscribe: 'Añadir a su calendario',
    signInToWrite: 'Inicie sesión para escribir una contribución',
    cannotWrite: 'No puede escribir una contribución',
    whyNot: 'Por qué no',
  },
  servicePages: servicePagesEn,
  resources: {
    title: 'Centro de conocimientos',
    intro: 'Conjuntos de herramientas, guías, documentos del Mecanismo de Examen, resúmenes de los copresidentes de diálogos anteriores y grabaciones.',
    types: {
      toolkit: 'Conjunto de herramientas',
      chapter: 'Capítulo del conjunto de herramientas',
      guide: 'Guía',
      'review-mechanism': 'Documento del Mecanismo de Examen',
      'co-chairs-summary': 'Resumen de los copresidentes',
      recording: 'Grabación',
    } as Record<string, string>,
    type: 'Tipo',
    anyType: 'Cualquier tipo',
    language: 'Idioma',
    anyLanguage: 'Cualquier idioma',
    open: 'Abrir',
    download: 'Descargar',
    results: (count: number) => plural(count, { one: '# recurso', other: '# recursos' }),
    empty: 'Ningún recurso coincide con estos filtros.',
    linked: 'Recursos',
    partOf: 'Forma parte de',
    chapters: 'Capítulos',
    published: 'Fecha',
  },
  search: {
    title: 'Búsqueda',
    intro: 'Eventos, actos paralelos, diálogos, temas, recursos y contribuciones escritas publicadas.',
    query: 'Buscar',
    kind: 'Clase',
    anyKind: 'Todo',
    kinds: { event: 'Eventos', topic: 'Temas', resource: 'Recursos', input: 'Contribuciones escritas' } as Record<string, string>,
    submit: 'Buscar',
    results: (count: number, query: string) => `${plural(count, { one: '# resultado', other: '# resultados' })} para “${query}”`,
    empty: (query: string) => `Nada coincide con “${query}”. Pruebe con menos palabras o con otras.`,
    prompt: 'Escriba una o dos palabras: un tema, un lugar, una reunión.',
    tooLong: 'Utilice como máximo 200 caracteres.',
  },
};
