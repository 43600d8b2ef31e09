// Orientación, recuadro de los eventos, centro de recursos, búsqueda y páginas
// de servicio, en español (traducción de portal-guide-en.ts y
// service-pages-en.ts; forma parte del catálogo `es`). [texto](/ruta) es un
// enlace; la página rellena {contact} y {days}.
import type { ServicePage } from './service-pages-en';
import { pluralFor } from './plural';

const plural = pluralFor('es');

const servicePagesEs: { privacy: ServicePage; accessibility: ServicePage; about: ServicePage; days: (days: number) => string } = {
  days: (days) => plural(days, { one: '# día', other: '# días' }),
  privacy: {
    title: 'Aviso de privacidad',
    description: 'Qué datos suyos conserva WhatsOn, por qué, durante cuánto tiempo, quién los ve y cómo obtenerlos o hacer que se eliminen.',
    lead: 'WhatsOn está gestionado por la secretaría de la UNODC (su Dependencia de la Sociedad Civil) para que la sociedad civil pueda seguir las reuniones relativas a la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional y participar en ellas. Este aviso indica qué datos suyos se conservan y qué puede hacer al respecto.',
    sections: [
      {
        heading: 'Qué se conserva y por qué',
        items: [
          'Su cuenta: nombre, dirección de correo electrónico, cargo, organización y función, y su contraseña en forma de hash irreversible (nunca la contraseña en sí). Son necesarios para que pueda iniciar sesión y para escribirle sobre sus solicitudes.',
          'El perfil de su organización: nombre, sigla, tipo, país, sitio web, descripción, carácter consultivo ante el ECOSOC, ámbitos de especialización y decisión de acreditación. La secretaría lo utiliza para acreditar a la organización; solo figura en el directorio público si la organización lo ha aceptado.',
          'Las solicitudes de participación en eventos: su forma de participar (presencialmente o en línea), su exposición, las peticiones de ayuda para el viaje o para hacer uso de la palabra, y la decisión. La secretaría las utiliza para organizar la reunión.',
          'Las necesidades de accesibilidad, alimentarias u otras similares indicadas en una solicitud: solo las ve la secretaría y se borran {days} después de que termine el evento.',
          'Las contribuciones escritas que envía su organización, con su archivo adjunto: solo se publican con el consentimiento de la organización, tras el examen de la secretaría.',
          'Los registros de seguridad: sesiones iniciadas, recuentos de inicios de sesión fallidos (por cuenta y por dirección de red, que se eliminan un día después del último intento) y el registro de auditoría de las decisiones de la secretaría.',
          'Los mensajes de correo electrónico que le envía el portal, que se conservan hasta su entrega.',
        ],
      },
      {
        heading: 'Durante cuánto tiempo',
        paragraphs: [
          'Su cuenta y lo que le pertenece se conservan mientras exista la cuenta. Las sesiones terminan, a más tardar, 90 días después de iniciarse (12 horas para la secretaría). Las necesidades de accesibilidad y similares se borran {days} después del evento. Cuando elimina su cuenta, se eliminan sus datos personales; los registros que necesita su organización (sus inscripciones y contribuciones publicadas) se conservan de forma anonimizada.',
        ],
      },
      {
        heading: 'Quién los ve',
        paragraphs: [
          'La secretaría ve lo que necesita para acreditar organizaciones, decidir sobre las solicitudes y moderar las contribuciones. La persona de contacto de su organización ve sus inscripciones. El público solo ve las contribuciones publicadas, el directorio público y los propios eventos. No se vende ni se comparte nada con fines publicitarios; el portal no instala cookies de seguimiento, solo la que mantiene su sesión iniciada.',
        ],
      },
      {
        heading: 'Cómo obtenerlos o eliminarlos',
        paragraphs: [
          'Con la sesión iniciada, puede [descargar todo lo que el portal conserva sobre usted](/account/data.json) (en formato JSON) y [eliminar su cuenta](/account/delete). Para cualquier otra cuestión, o para solicitar una rectificación, escriba a la secretaría a {contact}.',
        ],
      },
    ],
  },
  accessibility: {
    title: 'Declaración de accesibilidad',
    description: 'Cómo cumple WhatsOn las WCAG 2.1 nivel AA, cómo se comprueba, sus limitaciones conocidas y cómo comunicar un obstáculo.',
    lead: 'WhatsOn aspira a que todas las personas puedan utilizarlo, en cualquier dispositivo, con o sin tecnología de apoyo.',
    sections: [
      { heading: 'Norma', paragraphs: ['El portal aspira a ajustarse a las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.1, nivel AA.'] },
      {
        heading: 'Cómo se comprueba',
        items: [
          'Cada tipo de página se comprueba automáticamente con axe-core según los criterios A y AA de las WCAG 2.1, en un navegador real, con cada cambio.',
          'Cada tipo de página se comprueba con la anchura de un teléfono, 375 píxeles: nada debe desplazarse lateralmente.',
          'Se comprueba el uso con teclado: un enlace de salto lleva al contenido principal, y todos los controles son accesibles y muestran dónde está el foco.',
          'Todos los formularios funcionan sin JavaScript; los errores se indican junto a sus campos y se resumen al principio, y no se pierde nada de lo escrito.',
          'Las horas se indican en el huso horario del lugar, con su nombre, y en su propia hora cuando su navegador lo permite.',
        ],
      },
      {
        heading: 'Limitaciones conocidas',
        items: [
          'Los documentos enlazados desde los eventos y el centro de recursos los publican terceros y puede que no sean accesibles; solicite otro formato a la secretaría.',
          'Por ahora, algunos contenidos (descripciones de eventos, documentos) solo están disponibles en inglés.',
          'Las comprobaciones automáticas detectan muchos obstáculos, pero no todos; el portal aún no ha sido auditado por personas que utilizan a diario tecnologías de apoyo.',
        ],
      },
      {
        heading: 'Comunicar un obstáculo',
        paragraphs: [
          'Si algún elemento de WhatsOn le resulta difícil o imposible de utilizar, escriba a la secretaría a {contact}: indique la página, lo que intentó hacer y, en su caso, la tecnología de apoyo que utiliza. La secretaría responde en un plazo de cinco días hábiles y, entretanto, le ayuda por otros medios (por ejemplo, presentando la solicitud por correo electrónico).',
        ],
      },
    ],
  },
  about: {
    title: 'El Mecanismo de Examen y los diálogos constructivos',
    description: 'Cómo funciona el Mecanismo de Examen de la Convención contra la Delincuencia Organizada Transnacional y dónde se escucha a la sociedad civil.',
    lead: 'La aplicación de la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional y sus tres Protocolos (trata de personas, tráfico ilícito de migrantes, armas de fuego) es examinada por sus Estados partes. En ese examen se escucha a la sociedad civil, sobre todo en los diálogos constructivos.',
    sections: [
      {
        heading: 'El Mecanismo de Examen',
        paragraphs: ['Aprobado por la Conferencia de las Partes en 2018 y puesto en marcha en 2020, el Mecanismo examina cómo aplica cada Estado parte la Convención, por grupos temáticos:'],
        ordered: true,
        items: [
          'penalización y jurisdicción;',
          'prevención, asistencia técnica, medidas de protección y otras medidas;',
          'cumplimiento de la ley y sistema judicial;',
          'cooperación internacional, asistencia judicial recíproca, extradición y decomiso.',
        ],
        after: [
          'Cada Estado es examinado por otros dos elegidos por sorteo, uno de ellos de su propio grupo regional, sobre la base de sus respuestas escritas a cuestionarios y de documentos (examen documental). A continuación, los grupos de trabajo de la Conferencia examinan los resultados. Qué Estados están siendo examinados y en qué fase es información pública; los documentos del examen a menudo no lo son.',
        ],
      },
      {
        heading: 'Los diálogos constructivos',
        paragraphs: [
          'Después de cada reunión de los grupos de trabajo del Mecanismo se celebra un diálogo constructivo: sobre armas de fuego, asistencia técnica, cooperación internacional, trata de personas y tráfico ilícito de migrantes. Las organizaciones no gubernamentales (reconocidas o no como entidades consultivas del ECOSOC), las instituciones académicas y el sector privado se reúnen con los Estados, normalmente en el Centro Internacional de Viena y en línea, con una jornada preparatoria el día anterior. Las solicitudes se examinan dando prioridad a los conocimientos especializados acreditados sobre el tema. Cada diálogo suele tener una convocatoria de contribuciones escritas con preguntas orientativas, y los copresidentes publican después un resumen.',
        ],
      },
      {
        heading: 'Cómo participar',
        ordered: true,
        items: [
          '[Registre su organización](/signup).',
          'La secretaría la acredita.',
          'Solicite participar en [diálogos](/dialogues) y [eventos](/events), y responda a las convocatorias de [contribuciones escritas](/submissions).',
        ],
        after: ['El [centro de recursos](/resources) ofrece el conjunto de herramientas sobre la participación de las partes interesadas, guías y los resúmenes de diálogos anteriores. Consultas: {contact}.'],
      },
    ],
  },
};

export const portalGuideEs = {
  orientation: {
    heading: 'Cómo participar',
    intro: 'Las organizaciones de la sociedad civil participan en tres pasos.',
    steps: [
      { title: 'Registrar su organización', text: 'Cree una cuenta para usted y para su organización. Solo lleva unos minutos.' },
      { title: 'Acreditación por la secretaría', text: 'La secretaría comprueba que su organización trabaja en los temas de la Convención, normalmente en unos pocos días hábiles.' },
      { title: 'Solicitar participación y enviar contribuciones escritas', text: 'Una vez acreditada, su organización puede solicitar participar en reuniones y diálogos y responder a las convocatorias de contribuciones.' },
    ],
    yourNextStep: 'Su siguiente paso',
    next: {
      'signed-out': { text: 'Cree una cuenta para su organización. Si ya tiene una, inicie sesión.', action: 'Crear una cuenta', href: '/signup' },
      unconfirmed: { text: 'Confirme su dirección de correo electrónico: abra el enlace que le hemos enviado.', action: 'Su cuenta', href: '/account' },
      'no-organisation': { text: 'Su cuenta no está vinculada a ninguna organización. Pida a la persona de contacto de su organización que le invite.', action: 'Su cuenta', href: '/account' },
      pending: { text: 'Su organización está pendiente de acreditación. Recibirá un mensaje cuando la secretaría tome una decisión.', action: 'Ver su estado', href: '/account' },
      rejected: { text: 'Su organización no ha sido acreditada. La página de su cuenta indica el motivo; actualice el perfil y escriba a la secretaría para solicitar un nuevo examen.', action: 'Su cuenta', href: '/account' },
      accredited: { text: 'Su organización está acreditada: solicite participar en eventos y responda a las convocatorias de contribuciones que figuran a continuación.', action: 'Buscar un diálogo', href: '/dialogues' },
      secretariat: { text: 'Ha iniciado sesión como miembro de la secretaría.', action: 'Páginas de la secretaría', href: '/admin' },
    } as Record<string, { text: string; action: string; href: string }>,
  },
  inputForm: { chooseCall: '¿Responde a una convocatoria de contribuciones? Elíjala aquí primero para que sus preguntas orientativas aparezcan en el formulario:' },
  header: { search: 'Buscar', searchLabel: 'Buscar en el portal', signUp: 'Registrarse' },
  footer: {
    about: 'El Mecanismo de Examen y los diálogos constructivos',
    privacy: 'Aviso de privacidad',
    accessibility: 'Accesibilidad',
    resources: 'Centro de recursos',
    contact: 'Contactar con la secretaría',
    servicePages: 'Acerca de este portal',
  },
  box: {
    label: 'De un vistazo',
    when: 'Fecha',
    format: 'Modalidad',
    applications: 'Solicitudes',
    applicationsOpenUntil: (date: string) => `Solicitudes abiertas hasta el ${date}`,
    applicationsOpenFrom: (date: string) => `Las solicitudes se abren el ${date}`,
    applicationsClosed: 'El plazo de solicitud está cerrado',
    applicationsExternal: 'Inscripción en otro sitio',
    noApplications: 'No es necesario inscribirse',
    /** “Quedan 12 de 80 plazas”, o por modalidad cuando ambas están limitadas. */
    places: (modes: { mode: 'in-person' | 'online'; left: number; capacity: number }[]) =>
      modes.length === 1
        ? `Quedan ${modes[0]!.left} de ${modes[0]!.capacity} plazas`
        : `Quedan ${modes.map(({ mode, left, capacity }) => `${left} de ${capacity} plazas ${mode === 'in-person' ? 'presenciales' : 'en línea'}`).join(', ')}`,
    call: 'Contribuciones escritas',
    callOpenUntil: (date: string) => `Convocatoria de contribuciones abierta hasta el ${date}`,
    callOpensOn: (date: string) => `La convocatoria de contribuciones se abre el ${date}`,
    callClosed: 'La convocatoria de contribuciones está cerrada',
    subscribe: 'Añadir a su calendario',
    signInToWrite: 'Inicie sesión para redactar una contribución',
    cannotWrite: 'No puede redactar una contribución',
    whyNot: 'Motivo',
  },
  servicePages: servicePagesEs,
  resources: {
    title: 'Centro de recursos',
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
    anyType: 'Todos los tipos',
    language: 'Idioma',
    anyLanguage: 'Todos los idiomas',
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
    submit: 'Iniciar la búsqueda',
    results: (count: number, query: string) => `${plural(count, { one: '# resultado', other: '# resultados' })} para “${query}”`,
    empty: (query: string) => `Nada coincide con “${query}”. Pruebe con menos palabras o con otras.`,
    prompt: 'Escriba una o dos palabras: un tema, un lugar, una reunión.',
    tooLong: 'Utilice 200 caracteres como máximo.',
  },
};
