// Cadenas en español: Estados mencionados en las contribuciones escritas, seguimiento de un país.
import type { countryFollowEn } from './country-follow-en';

export const countryFollowEs: typeof countryFollowEn = {
  states: 'Estados a los que se refiere la contribución',
  statesHint: 'Opcional. Elija de la lista cada Estado del que trata la contribución (mantenga pulsada la tecla Ctrl, o Cmd en un Mac, para elegir varios).',
  statesConcerned: 'Estados a los que se refiere',
  stateFilter: 'Estado al que se refiere',
  inputTitle: (country: string) => `Contribuciones publicadas que mencionan a ${country}`,
  inputNone: 'Todavía no hay contribuciones escritas publicadas que mencionen a este Estado.',
  inputAll: 'Todas las contribuciones que lo mencionan, en el archivo',
  follow: 'Seguir este país',
  unfollow: 'Dejar de seguir este país',
  following: 'Sigue este país: sus eventos, y los diálogos constructivos que examinan sus exámenes, figuran en su calendario.',
  signInToFollow: 'Inicie sesión para seguir este país',
  followed: 'Países que sigue',
  followedNone: 'Todavía no sigue ningún país: utilice “Seguir este país” en la página de un país.',
  digestChoice: (country: string) => `Resumen sobre ${country}`,
};
