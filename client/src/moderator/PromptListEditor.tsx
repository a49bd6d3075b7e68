import type * as Y from 'yjs';
import { addPrompt, deletePrompt, movePrompt, updatePrompt, type Phase } from '@plenum/shared/session-doc';
import { useT } from '../state/ui-store.ts';
import { CommitField } from './CommitField.tsx';
import { ListEditor } from './ListEditor.tsx';

// The prompts of a phase: each becomes a column on every group's board.
// Entries are edited one by one by id, so cards stay in their column when
// another column is removed or moved.

export function PromptListEditor({ doc, phase }: { doc: Y.Doc; phase: Phase }) {
  const t = useT();
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
      removeLabel={(_, label) => t('moderator.removeLabel', { item: label })}
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
      remove={(id) => deletePrompt(doc, phase.id, id)}
    />
  );
}
