import { useState, type ReactNode } from 'react';
import { LIMITS } from '@plenum/shared/limits';
import type { Group, Phase, Prompt } from '@plenum/shared/session-doc';
import { tryWrite } from '../i18n/errors.ts';
import type { Message } from '../i18n/message.ts';
import { FieldError } from './FieldError.tsx';
import { ItemActions } from './ItemActions.tsx';
import { useFocusById } from './useFocusById.ts';

// The shell of a phase's two list editors (prompts, groups): a numbered list of
// entries with their fields and buttons, "add" below, and a refused write's
// reason. Keyboard focus follows the change: to a new entry's first field, and
// after a removal to the next entry (or to "add"), because the pressed button
// is gone.

const LISTS = {
  prompts: { idPrefix: 'prompt', inputName: 'text', max: LIMITS.promptsPerPhase },
  groups: { idPrefix: 'group', inputName: 'name', max: LIMITS.groupsPerPhase },
} as const;

type Lists = { prompts: Prompt; groups: Group };

interface ListEditorProps<L extends keyof Lists> {
  phase: Phase;
  /** Ids: `${idPrefix}-add-${phase id}`, `${idPrefix}-${inputName}-${entry id}` (see LISTS), and ItemActions' buttons. */
  list: L;
  texts: { legend: string; hint: string; empty: string; add: string };
  itemClassName?: string;
  /** The entry's name in labels ("Prompt 2"). */
  itemLabel(item: Lists[L], index: number): string;
  removeLabel(item: Lists[L], label: string): string;
  /** The entry's fields; the one given `inputId` receives focus. */
  renderFields(item: Lists[L], label: string, inputId: string): ReactNode;
  /** Writes a new entry and returns its id; throws ModelError when refused. */
  add(): string;
  /** Without it the entries have no up and down buttons. */
  move?(id: string, index: number): void;
  remove(id: string): void;
  /** Asked before removing; false keeps the entry. */
  confirmRemove?(item: Lists[L]): Promise<boolean>;
  /** Rendered last, inside the fieldset (a confirmation dialog). */
  children?: ReactNode;
}

export function ListEditor<L extends keyof Lists>(props: ListEditorProps<L>) {
  const { phase, texts } = props;
  const { idPrefix, inputName, max } = LISTS[props.list];
  const items = phase[props.list] as Lists[L][];
  // The failure, worded when shown; one of adding is named by the list's legend (in the language shown then).
  const [error, setError] = useState<{ failure: Message; ofAdd: boolean } | null>(null);
  const setFocusId = useFocusById(items);
  const inputId = (id: string) => `${idPrefix}-${inputName}-${id}`;
  const addId = `${idPrefix}-add-${phase.id}`;

  const add = () => {
    let id = '';
    const failure = tryWrite(() => {
      id = props.add();
    });
    setError(failure && { failure, ofAdd: true });
    if (!failure) setFocusId(inputId(id));
  };
  const { move } = props;
  const moveTo = (id: string, index: number) => {
    const failure = tryWrite(() => move?.(id, index));
    setError(failure && { failure, ofAdd: false });
    return !failure;
  };
  async function remove(item: Lists[L], index: number) {
    if (props.confirmRemove && !(await props.confirmRemove(item))) return;
    const failure = tryWrite(() => props.remove(item.id));
    setError(failure && { failure, ofAdd: false });
    const next = items[index + 1] ?? items[index - 1];
    if (!failure) setFocusId(next ? inputId(next.id) : addId);
  }

  return (
    <fieldset className="list-editor">
      <legend>{texts.legend}</legend>
      <p className="field-hint">{texts.hint}</p>
      {items.length === 0 && <p className="field-hint">{texts.empty}</p>}
      <ol className="list-editor-items">
        {items.map((item, i) => {
          const label = props.itemLabel(item, i);
          return (
            <li key={item.id} className={props.itemClassName ? `list-editor-item ${props.itemClassName}` : 'list-editor-item'}>
              {props.renderFields(item, label, inputId(item.id))}
              <ItemActions
                idPrefix={idPrefix}
                itemId={item.id}
                index={i}
                count={items.length}
                label={label}
                removeLabel={props.removeLabel(item, label)}
                onMove={move ? (index) => moveTo(item.id, index) : undefined}
                onRemove={() => void remove(item, i)}
                focus={setFocusId}
              />
            </li>
          );
        })}
      </ol>
      <button type="button" id={addId} className="secondary" disabled={items.length >= max} onClick={add}>
        {texts.add}
      </button>
      <FieldError error={error?.failure ?? null} fieldLabel={error?.ofAdd ? texts.legend : undefined} />
      {props.children}
    </fieldset>
  );
}
