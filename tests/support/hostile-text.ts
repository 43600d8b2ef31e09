// Text an attacker can get stored: in a published body, in an organisation's
// name (no moderation needed), in a person's name. Each one broke a feed or
// carried markup into one when the portal was tried as an attacker would.
export const HOSTILE_TEXT = [
  'control characters \x01\x0b in a body',
  'form feed and start of heading \x0c\x01 in a name',
  'closing a CDATA section ]]> early',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  'an entity typed as text: &amp;lt; and &lt;b&gt;',
  'every C0 control: \x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f and DEL \x7f',
  'characters XML forbids: \ufffe \uffff',
  'line separators \u2028 \u2029 and NEL \u0085',
] as const;

/** Only in memory: a database cannot store these (PostgreSQL refuses NUL; UTF-8 has no lone surrogates). */
export const UNSTORABLE_TEXT = ['NUL \x00 byte', 'lone surrogates \ud800 and \udfff'] as const;

/** One string holding all of it. */
export const ALL_HOSTILE = [...HOSTILE_TEXT].join(' | ');
