/**
 * Which components of a definition have onCreate commands to run (`actions.onCreate.before` and
 * `after`; onSuccess and onFailure are carried, never run at create). Read from plain data, so the
 * checks that run before the definition is typed (check-package.ts) and the build stage agree.
 */
import { isObj, listAt, objAt, type Obj } from './data.js';

/** The onCreate lists Zarf runs at create, in the order it runs them around the content. */
export const CREATE_ACTION_LISTS = ['before', 'after'] as const;
export type CreateActionList = (typeof CREATE_ACTION_LISTS)[number];

/** How many onCreate before/after actions a component has. */
export function createActionCount(component: unknown): number {
  if (!isObj(component)) return 0;
  const onCreate = objAt(objAt(component, 'actions'), 'onCreate');
  return CREATE_ACTION_LISTS.reduce((n, l) => n + listAt(onCreate, l).length, 0);
}

/** Whether any component of the package runs an onCreate action. */
export function hasCreateActions(config: unknown): boolean {
  return listAt(isObj(config) ? (config as Obj) : undefined, 'components').some((c) => createActionCount(c) > 0);
}
