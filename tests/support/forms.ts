// Posting forms to a running portal the way a browser does.
export interface FormResponse {
  status: number;
  location: string | null;
  html: string;
  headers: Headers;
  cookie: string | null;
}

/** Test servers trust 127.0.0.1 as a proxy, so each test client can have its own address. */
export function randomClientAddress(): string {
  return `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
}

export async function postForm(
  baseUrl: string,
  path: string,
  fields: Record<string, string | string[]>,
  cookie?: string,
  clientAddress = randomClientAddress(),
): Promise<FormResponse> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item);
  const response = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Origin: baseUrl,
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Forwarded-For': clientAddress,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body,
  });
  const setCookie = response.headers.get('set-cookie');
  return {
    status: response.status,
    location: response.headers.get('location'),
    html: await response.text(),
    headers: response.headers,
    cookie: setCookie ? setCookie.split(';')[0]! : null,
  };
}

export function signUpFields(email: string, overrides: Record<string, string | string[]> = {}) {
  return {
    organisationName: 'Survivor Voices Alliance',
    acronym: 'SVA',
    type: 'ngo',
    country: 'KE',
    website: 'https://survivor-voices.example.org',
    description: 'Survivor-led organisation supporting victims of trafficking.',
    ecosocStatus: 'special',
    topics: ['trafficking-in-persons', 'smuggling-of-migrants'],
    listed: 'on',
    name: 'Amina Odhiambo',
    jobTitle: 'Director',
    email,
    password: 'correct horse battery staple',
    ...overrides,
  };
}
