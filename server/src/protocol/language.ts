import type { Lang } from '@plenum/shared/protocol-draft/tree';

/** The language tag a document declares for the draft's label language (BCP 47). */
export const LANGUAGE_TAGS: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };
