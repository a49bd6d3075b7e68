// Where the operator's pages live (docs/deploy.md, "Operator pages"). German
// paths, stable whatever the reader's language: they are printed in
// accessibility statements and linked from other sites.

export const OPERATOR_PAGE_PATHS = {
  privacy: '/datenschutz',
  accessibility: '/barrierefreiheit',
  imprint: '/impressum',
} as const;

export type OperatorPageName = keyof typeof OPERATOR_PAGE_PATHS;
export const OPERATOR_PAGE_NAMES = Object.keys(OPERATOR_PAGE_PATHS) as OperatorPageName[];

/** The page a path shows, if it is one of them ("/datenschutz/" too). */
export function operatorPageAt(pathname: string): OperatorPageName | null {
  const path = pathname.replace(/\/+$/, '');
  return OPERATOR_PAGE_NAMES.find((name) => OPERATOR_PAGE_PATHS[name] === path) ?? null;
}
