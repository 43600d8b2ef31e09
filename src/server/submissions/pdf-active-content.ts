// What makes a PDF active, for the attachment check (pdf-inspection.ts):
// names judged wherever they appear in a parsed object, and link targets.

// Names that make a PDF run, start, fetch or carry something, wherever they
// appear (as a key or a value, after #xx decoding). Decisions:
// - /OpenAction and /AA are not refused as such (opening at page 1 is common):
//   the actions in them are judged like every other action.
// - /SubmitForm sends what the reader typed (or the whole file) to an address
//   the author chose, and with a file-share target leaks Windows credentials;
//   /ImportData and /GoToR open other files the same way. A form meant to be
//   printed or filled in needs none of them.
const REFUSED_NAMES = new Map<string, string>([
  ['JavaScript', 'a script'],
  ['JS', 'a script'],
  ['OnInstantiate', 'a script in 3D artwork'],
  ['Launch', 'a launch action'],
  ['EmbeddedFile', 'an embedded file'],
  ['EmbeddedFiles', 'embedded files'],
  ['EF', 'an embedded file'],
  ['FileAttachment', 'a file attachment annotation'],
  ['GoToE', 'an action opening an embedded document'],
  ['GoToR', 'an action opening another file'],
  ['ImportData', 'an action importing a file'],
  ['SubmitForm', 'a form submission action'],
  ['XFA', 'an XFA form'],
  ['RichMedia', 'rich media (Flash or video with scripts)'],
  ['RichMediaExecute', 'a rich media action'],
]);
// Links may go to the web or start an email, as in written input itself.
const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);

/** What a name that makes a PDF active does, in a few words; undefined for every other name. */
export function activeContentNamed(name: string): string | undefined {
  return REFUSED_NAMES.get(name);
}

/** A link action's target (/URI) a reader may follow: the web or an email address, or a relative web address. */
export function isSafeLinkTarget(uri: string): boolean {
  // As URL parsers do: tabs and line breaks anywhere are dropped ("java\tscript:"), leading controls and spaces too.
  const trimmed = uri.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+/, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  // Without a scheme, a path or a file share (\\host\share) is not a web address.
  return scheme ? LINK_SCHEMES.has(scheme) : !/^[\\/]/.test(trimmed);
}
