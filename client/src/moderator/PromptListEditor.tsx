import { useRef, useState } from 'react';
import type * as Y from 'yjs';
import { addPrompt, deletePrompt, movePrompt, restorePrompt, updatePrompt, type Phase, type Prompt } from '@plenum/shared/session-doc';
import { countCards, removalText, type Removal } from './column-removal.ts';
import { tryWrite } from '../i18n/errors.ts';
import type { Message } from '../i18n/message.ts';
import { messageText } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';
import { useConfirm } from './ConfirmDialog.tsx';
import { CommitField } from './CommitField.tsx';
import { FieldError } from './FieldError.tsx';
import { ListEditor } from './ListEditor.tsx';
import type { SessionRef } from './moderator-api.ts';
import { useFocusById } from './useFocusById.ts';

// The prompts of a phase: each becomes a column on every group's board.
// Entries are edited one by one by id, so cards stay in their column when
// another column is removed or moved.
//
// A removed column's cards keep its id; boards show them at the end of the
// first remaining column. So removing a column that may hold cards asks
// first, saying how many and where they go (column-removal.ts), and
// "Rückgängig" puts the prompt back with its id and place: the cards return.

export function PromptListEditor({ doc, phase, sessionRef }: { doc: Y.Doc; phase: Phase; sessionRef: SessionRef }) {
  const t = useT();
  const [confirm, dialog] = useConfirm();
  // The last removal, for its notice and "Rückgängig"; `undone` once it was taken back.
  const [notice, setNotice] = useState<{ removal: Removal; undone: boolean } | null>(null);
  const [undoError, setUndoError] = useState<Message | null>(null);
  const asked = useRef<Removal | null>(null);
  const setFocusId = useFocusById(phase.prompts);

  async function confirmRemove(prompt: Prompt): Promise<boolean> {
    const target = phase.prompts.find((p) => p.id !== prompt.id)?.text ?? null;
    // A phase never started has no cards unless someone wrote there anyway: the server says.
    const cards = await countCards(sessionRef, phase, prompt);
    const removal = { prompt, cards, target };
    asked.current = removal;
    if (phase.status !== 'open' && cards === 0) return true;
    return confirm({
      title: t('moderator.prompts.removeTitle', { column: prompt.text }),
      message: messageText(t, removalText(removal)),
      confirmLabel: t('moderator.remove'),
    });
  }

  function remove(id: string) {
    const prompt = phase.prompts.find((p) => p.id === id);
    deletePrompt(doc, phase.id, id);
    if (!prompt) return;
    const removal = asked.current?.prompt.id === id ? asked.current : { prompt, cards: null, target: null };
    asked.current = null;
    setUndoError(null);
    setNotice({ removal, undone: false });
  }

  function undo() {
    if (!notice) return;
    const { prompt } = notice.removal;
    const failure = tryWrite(() => restorePrompt(doc, phase.id, prompt));
    setUndoError(failure);
    if (failure) return;
    setNotice({ ...notice, undone: true });
    // The pressed button is gone: focus goes to the column that came back.
    setFocusId(`prompt-text-${prompt.id}`);
  }

  const removal = notice?.removal;
  return (
    <ListEditor
      phase={phase}
      list="prompts"
      texts={{
        legend: t('moderator.prompts.legend'),
        hint: t('moderator.prompts.hint'),
        empty: t('moderator.prompts.empty'),
        add: t('moderator.prompts.add'),
      }}
      itemLabel={(_, i) => t('moderator.prompts.item', { n: i + 1 })}
      removeLabel={(prompt, label) => t('moderator.removeLabel', { item: `${label} „${prompt.text}“` })}
      renderFields={(prompt, label, inputId) => (
        <CommitField
          inputId={inputId}
          label={label}
          value={prompt.text}
          required
          commit={(text) => updatePrompt(doc, phase.id, prompt.id, text)}
        />
      )}
      add={() => addPrompt(doc, phase.id, t('moderator.prompts.new'))}
      move={(id, index) => movePrompt(doc, phase.id, id, index)}
      remove={remove}
      confirmRemove={confirmRemove}
    >
      <div className="prompt-notice" data-testid="prompt-notice">
        <p className="panel-status" role="status">
          {removal &&
            (notice.undone
              ? t('moderator.prompts.restored', { column: removal.prompt.text })
              : `${t('moderator.prompts.removed', { column: removal.prompt.text })} ${
                  removal.cards && removal.target ? t('moderator.prompts.movedTo', { count: removal.cards, target: removal.target }) : ''
                }`.trim())}
        </p>
        {removal && !notice.undone && (
          <button type="button" className="secondary" onClick={undo}>
            {t('moderator.prompts.undo')}
          </button>
        )}
        <FieldError error={undoError} />
      </div>
      {dialog}
    </ListEditor>
  );
}
