// English strings for naming States in written input and following a
// country (part of the `en` catalogue; the other languages mirror its keys).
export const countryFollowEn = {
  states: 'States the input concerns',
  statesHint: 'Optional. Choose each State the input is about from the list (hold Ctrl, or Cmd on a Mac, to choose several).',
  statesConcerned: 'States concerned',
  stateFilter: 'State concerned',
  inputTitle: (country: string) => `Published input that names ${country}`,
  inputNone: 'No published written input names this State yet.',
  inputAll: 'All input that names it, in the archive',
  follow: 'Follow this country',
  unfollow: 'Stop following this country',
  following: 'You follow this country: its events, and the constructive dialogues that examine its reviews, are in your calendar.',
  signInToFollow: 'Sign in to follow this country',
  followed: 'Countries you follow',
  followedNone: 'You follow no countries yet: use “Follow this country” on a country’s page.',
  digestChoice: (country: string) => `Digest for ${country}`,
};
