// Passwords of 10+ characters that appear near the top of public breach
// corpora (security note: reject the most common passwords). Compared after
// lower-casing, so "Password123" is refused too.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '1234567890', '12345678910', '123456789a', '1234567891', '0123456789', '0987654321', '1111111111', '0000000000',
  '1q2w3e4r5t', '1qaz2wsx3edc', 'qwertyuiop', 'qwerty12345', 'qwerty123456', 'qwertyuiop123', 'asdfghjkl1', 'zxcvbnm123',
  'password12', 'password123', 'password1234', 'password12345', 'passw0rd123', 'p@ssw0rd123', 'p@ssword123', 'password!1',
  'iloveyou12', 'iloveyou123', 'iloveyou1234', 'sunshine123', 'princess123', 'football123', 'baseball123', 'superman123',
  'welcome123', 'welcome1234', 'welcome2024', 'welcome2025', 'welcome2026', 'letmein123', 'trustno1234', 'dragon12345',
  'monkey12345', 'abc1234567', 'abcdefghij', 'abcdefg123', 'abcd123456', 'a1b2c3d4e5', 'aa12345678', 'qazwsxedcrfv',
  'changeme123', 'administrator', 'admin12345', 'admin123456', 'adminadmin', 'rootpassword', 'letmeinplease', 'summer2024',
  'summer2025', 'summer2026', 'winter2025', 'winter2026', 'spring2026', 'autumn2026', 'whatson123', 'whatson2026',
  'unodc12345', 'untoc12345', 'vienna2026', 'qwertyqwerty', 'passwordpassword', 'myp@ssword', 'mypassword1', 'secret12345',
  'computer123', 'internet123', 'starwars123', 'pokemon1234', 'michael123', 'jennifer123', 'charlie123', 'liverpool1',
  'chelsea1234', 'arsenal1234', 'blink182182', 'zaq12wsxcde', '!qaz2wsx3edc', 'q1w2e3r4t5', 'q1w2e3r4t5y6', '1q2w3e4r5t6y',
]);

export function isCommonPassword(password: string): boolean {
  const lowered = password.toLowerCase();
  // One character repeated, or a run of consecutive digits, is as weak as anything on the list.
  if (/^(.)\1+$/.test(lowered)) return true;
  if ('01234567890123456789'.includes(lowered) || '98765432109876543210'.includes(lowered)) return true;
  return COMMON_PASSWORDS.has(lowered);
}
