// English strings of the secretariat's workspace (overview, bulk decisions,
// audit, figures, messages to participants) and of topic digests (part of the
// `en` catalogue).
export const workspaceEn = {
  digests: {
    title: 'Email digests',
    intro: 'For each topic you follow, choose whether you hear about it by email: a weekly or daily digest of new events, calls for input that opened or close within two weeks, and newly published written input. Nothing is sent when nothing is new.',
    choice: (topic: string) => `Digest for ${topic}`,
    frequencies: { none: 'No email', daily: 'Daily digest', weekly: 'Weekly digest' } as Record<string, string>,
    save: 'Save',
    saved: (topic: string, choice: string) => `${topic}: ${choice}.`,
    unsubscribeTitle: 'Stop topic digests',
    unsubscribeAsk: (frequency: string) => `Stop every ${frequency} digest sent to this address? You can choose them again on your account page.`,
    unsubscribeButton: 'Stop these digests',
    unsubscribed: (frequency: string) => `Done: no more ${frequency} digests will be sent. You can choose digests again on your account page.`,
    frequencyNames: { daily: 'daily', weekly: 'weekly' } as Record<string, string>,
  },
};
