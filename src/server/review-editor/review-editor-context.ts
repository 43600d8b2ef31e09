// The Review Mechanism editor's view of the content: the dialogues a phase may
// name, the phases a country review may belong to (as the pages show them
// now) and the built files an entry may start from.
import type { PortalEvent } from '../events/portal-event';
import type { AssembledReviewContent } from '../review-mechanism/review-assembly';
import type { ReviewEditorContext } from './review-entry-rows';

export function reviewEditorContext(content: AssembledReviewContent, events: readonly PortalEvent[], now: Date): ReviewEditorContext {
  return {
    knownDialogues: events.filter((event) => event.collection === 'dialogues').map((event) => event.slug),
    phaseClusters: new Map(content.phases.map((phase) => [phase.slug, phase.cluster])),
    fileEntry: (collection, slug) => content.fileEntry(collection, slug),
    now,
  };
}
