// A French-speaking organisation from sign-up to a confirmed place, all in
// French: the forms, the confirmation email, and the place's email with its
// calendar invitation.
import { describe, expect, it } from 'vitest';
import { usePortal } from '../support/portal';
import { postForm, signUpFields } from '../support/forms';
import { calendarAttachments, linkIn, waitForMail } from '../support/outbox';

// Demo content: a CCPCJ side event taking open registrations (see registrations.test.ts).
const SIDE_EVENT = '/side-events/2027-05-ccpcj-ammunition-diversion';
const PASSWORD = 'correct horse battery staple';

describe('a journey in French', () => {
  const portal = usePortal('sqlite');
  const base = () => portal.servers[0]!.baseUrl;

  it('signs up, applies, and receives the email and the invitation in French', async () => {
    const email = 'point-de-contact@example.org';
    const signUp = await postForm(base(), '/fr/signup', signUpFields(email, { organisationName: 'Réseau des droits côtiers', language: 'fr' }));
    expect(signUp.location).toBe('/fr/signup/sent');
    const [confirmation] = await waitForMail(portal.outbox, (message) => message.to === email);
    expect(confirmation!.subjectText).toBe('Confirmez votre adresse électronique pour WhatsOn');
    const token = new URL(linkIn(confirmation!, '/fr/verify-email?token=')).searchParams.get('token')!;
    expect((await postForm(base(), '/fr/verify-email', { token })).location).toBe('/fr/signin?verified=1');
    // The secretariat's decision has its own tests; here the organisation is accredited directly.
    await portal.handle.db.updateTable('organisations').set({ accreditation: 'accredited' }).where('name', '=', 'Réseau des droits côtiers').execute();

    const signIn = await postForm(base(), '/fr/signin', { email, password: PASSWORD });
    expect(signIn.location).toBe('/fr/account');
    const form = await fetch(new URL(`/fr${SIDE_EVENT}/apply`, base()), { headers: { Cookie: signIn.cookie! } });
    const formHtml = await form.text();
    expect(formHtml).toContain('<html lang="fr" dir="ltr">');
    expect(formHtml).toContain(`action="/fr${SIDE_EVENT}/apply"`);
    const applied = await postForm(base(), `/fr${SIDE_EVENT}/apply`, { mode: 'in-person' }, signIn.cookie!);
    expect(applied.location).toBe('/fr/account/registrations?applied=approved');

    const [placeMail] = await waitForMail(portal.outbox, (message) => message.to === email && message.subjectText.startsWith('Votre place est confirmée'));
    expect(placeMail!.raw).toContain('Votre place est confirmée. Les participants en ligne reçoivent les informations de connexion');
    expect(placeMail!.raw).toContain('Participation : en présentiel'.replace(' :', '\u00a0:'));
    expect(linkIn(placeMail!, `/fr${SIDE_EVENT}`)).toBeTruthy();
    const invitation = calendarAttachments(placeMail!)[0]!.replace(/\r?\n[ \t]/g, '');
    expect(invitation).toContain('METHOD:REQUEST');
    expect(invitation).toMatch(new RegExp(`\\nURL;VALUE=URI:https?://[^/]+/fr${SIDE_EVENT}\\r?\\n`));
    expect(invitation).toContain('Clôture des inscriptions');
  });
});
