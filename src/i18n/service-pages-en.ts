// English text of the service pages (/privacy, /accessibility, /about), part
// of the `en` catalogue. [text](/path) marks a link; {contact} is the
// secretariat's address and {days} the configured retention, filled in by the page.
export interface ServiceSection {
  heading: string;
  paragraphs?: string[];
  items?: string[];
  ordered?: boolean;
  after?: string[];
}

export interface ServicePage {
  title: string;
  description: string;
  lead: string;
  sections: ServiceSection[];
}

export const servicePagesEn: { privacy: ServicePage; accessibility: ServicePage; about: ServicePage; days: (days: number) => string } = {
  days: (days) => `${days} day${days === 1 ? '' : 's'}`,
  privacy: {
    title: 'Privacy notice',
    description: 'What WhatsOn stores about you, why, for how long, who sees it, and how to get it or have it deleted.',
    lead: 'WhatsOn is run by the UNODC secretariat (its Civil Society Unit) so that civil society can follow and take part in the meetings of the Convention against Transnational Organized Crime. This notice says what it stores about you and what you can do about it.',
    sections: [
      {
        heading: 'What is stored, and why',
        items: [
          'Your account: name, email address, job title, organisation and role, and your password as a one-way hash (never the password itself). They are needed to sign you in and to write to you about your applications.',
          'Your organisation’s profile: name, acronym, type, country, website, description, ECOSOC status, topics of expertise and its accreditation decision. The secretariat uses it to accredit the organisation; it is listed in the public directory only if the organisation agreed.',
          'Applications to events: how you take part (in person or online), your statement, requests for travel support or to speak, and the decision. The secretariat uses them to organise the meeting.',
          'Accessibility, dietary and similar needs given with an application: seen only by the secretariat, and erased {days} after the event ends.',
          'Written input your organisation sends, with its attachment: published only with the organisation’s consent, after the secretariat’s review.',
          'Security records: sign-in sessions, counts of failed sign-ins (by account and by network address, deleted a day after the last attempt), and the audit log of the secretariat’s decisions.',
          'Emails the portal sends you, kept until they are delivered.',
        ],
      },
      {
        heading: 'For how long',
        paragraphs: [
          'Your account and what belongs to it are kept while the account exists. Sessions end at the latest 90 days after sign-in (12 hours for the secretariat). Accessibility and similar needs are erased {days} after the event. When you delete your account, your personal data is deleted; the records your organisation needs (its registrations and published input) stay, anonymised.',
        ],
      },
      {
        heading: 'Who sees it',
        paragraphs: [
          'The secretariat sees what it needs to accredit organisations, decide on applications and moderate input. Your organisation’s focal point sees its registrations. The public sees only published input, the public directory and the events themselves. Nothing is sold or shared for advertising; the portal sets no tracking cookies, only the cookie that keeps you signed in.',
        ],
      },
      {
        heading: 'How to get it or delete it',
        paragraphs: [
          'Signed in, you can [download everything the portal holds about you](/account/data.json) (as JSON) and [delete your account](/account/delete). For anything else, or to ask for a correction, write to the secretariat at {contact}.',
        ],
      },
    ],
  },
  accessibility: {
    title: 'Accessibility statement',
    description: 'How WhatsOn meets WCAG 2.1 AA, how it is tested, its known limits, and how to report a barrier.',
    lead: 'WhatsOn aims to be usable by everyone, on any device, with or without assistive technology.',
    sections: [
      { heading: 'Standard', paragraphs: ['The portal aims to conform to the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA.'] },
      {
        heading: 'How it is tested',
        items: [
          'Every kind of page is checked automatically with axe-core against WCAG 2.1 A and AA in a real browser, on every change.',
          'Every kind of page is checked at a phone’s width of 375 pixels: nothing may scroll sideways.',
          'Keyboard use is tested: a skip link leads to the main content, and every control can be reached and shows where the focus is.',
          'Every form works without JavaScript; errors are named next to their fields and summarised at the top, and nothing typed is lost.',
          'Times are given in the venue’s time zone, named, and in your own time when your browser allows it.',
        ],
      },
      {
        heading: 'Known limits',
        items: [
          'Documents linked from events and the knowledge hub are published by others and may not be accessible; ask the secretariat for another format.',
          'The interface is in English only for now.',
          'Automatic checks find many barriers but not all; the portal has not yet been audited by people who use assistive technology every day.',
        ],
      },
      {
        heading: 'Report a barrier',
        paragraphs: [
          'If something on WhatsOn is hard or impossible for you to use, write to the secretariat at {contact}: say which page, what you tried, and which assistive technology you use, if any. The secretariat answers within five working days and meanwhile helps by other means (for example, applying by email).',
        ],
      },
    ],
  },
  about: {
    title: 'The Review Mechanism and constructive dialogues',
    description: 'How the Review Mechanism of the Convention against Transnational Organized Crime works, and where civil society is heard.',
    lead: 'The UN Convention against Transnational Organized Crime and its three Protocols (trafficking in persons, smuggling of migrants, firearms) are reviewed by their States Parties. Civil society is heard in that review, above all in the constructive dialogues.',
    sections: [
      {
        heading: 'The Review Mechanism',
        paragraphs: ['Adopted by the Conference of the Parties in 2018 and launched in 2020, the Mechanism reviews how every State Party implements the Convention, cluster by cluster:'],
        ordered: true,
        items: [
          'criminalization and jurisdiction;',
          'prevention, technical assistance, protection measures and other measures;',
          'law enforcement and the judicial system;',
          'international cooperation, mutual legal assistance, extradition and confiscation.',
        ],
        after: [
          'Each State is reviewed by two others drawn by lot, one from its own regional group, on its written answers to questionnaires and documents (a desk review). The working groups of the Conference then examine the results. Which States are under review in which phase is public; the review documents often are not.',
        ],
      },
      {
        heading: 'Constructive dialogues',
        paragraphs: [
          'A constructive dialogue follows each working group of the Mechanism: on firearms, technical assistance, international cooperation, trafficking in persons and smuggling of migrants. Non-governmental organisations (with or without ECOSOC status), academic institutions and the private sector meet States, usually at the Vienna International Centre and online, with a preparation day the day before. Applications are reviewed, with priority to proven expertise on the topic. Each dialogue usually has a call for written input with guiding questions, and the co-chairs publish a summary afterwards.',
        ],
      },
      {
        heading: 'How to take part',
        ordered: true,
        items: [
          '[Register your organisation](/signup).',
          'The secretariat accredits it.',
          'Apply to [dialogues](/dialogues) and [events](/events), and answer calls for [written input](/submissions).',
        ],
        after: ['The [knowledge hub](/resources) has the Toolkit on Stakeholder Engagement, guides and the summaries of past dialogues. Questions: {contact}.'],
      },
    ],
  },
};
