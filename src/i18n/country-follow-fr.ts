// Chaînes françaises : États nommés dans les contributions écrites, suivi d’un pays.
import type { countryFollowEn } from './country-follow-en';

export const countryFollowFr: typeof countryFollowEn = {
  states: 'États concernés par la contribution',
  statesHint: 'Facultatif. Choisissez dans la liste chaque État dont traite la contribution (maintenez Ctrl, ou Cmd sur un Mac, pour en choisir plusieurs).',
  statesConcerned: 'États concernés',
  stateFilter: 'État concerné',
  inputTitle: (country: string) => `Contributions publiées qui mentionnent l’État suivant : ${country}`,
  inputNone: 'Aucune contribution écrite publiée ne mentionne encore cet État.',
  inputAll: 'Toutes les contributions qui le mentionnent, dans les archives',
  follow: 'Suivre ce pays',
  unfollow: 'Ne plus suivre ce pays',
  following: 'Vous suivez ce pays : ses événements, et les dialogues constructifs qui examinent ses examens, figurent dans votre agenda.',
  signInToFollow: 'Connectez-vous pour suivre ce pays',
  followed: 'Pays suivis',
  followedNone: 'Vous ne suivez encore aucun pays : utilisez « Suivre ce pays » sur la page d’un pays.',
  digestChoice: (country: string) => `Condensé pour le pays suivant : ${country}`,
};
