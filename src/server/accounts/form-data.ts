// FormData to a plain object for zod: repeated names (checkbox groups) become arrays.
const LISTS = new Set(['topics', 'ids', 'answers', 'states']);

export function formObject(form: FormData): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    if (LISTS.has(key)) ((data[key] ??= []) as string[]).push(value);
    else data[key] = value;
  }
  return data;
}
