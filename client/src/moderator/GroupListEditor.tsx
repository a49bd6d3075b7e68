import type * as Y from 'yjs';
import { addGroup, deleteGroup, updateGroup, type Phase } from '@plenum/shared/session-doc';
import { useT } from '../state/ui-store.ts';
import { useConfirm } from './ConfirmDialog.tsx';
import { CommitField } from './CommitField.tsx';
import { ListEditor } from './ListEditor.tsx';

// The groups of a phase: each has its own board and breakout link. In a
// statements phase the "groups" are the named speakers. Removing one asks
// first: its board goes with it.

export function GroupListEditor({ doc, phase }: { doc: Y.Doc; phase: Phase }) {
  const t = useT();
  const [confirm, dialog] = useConfirm();
  const speakers = phase.kind === 'statements';
  return (
    <ListEditor
      phase={phase}
      list="groups"
      texts={{
        legend: speakers ? t('moderator.groups.speakersLegend') : t('moderator.groups.legend'),
        hint: speakers ? t('moderator.groups.speakersHint') : t('moderator.groups.hint'),
        empty: t('moderator.groups.empty'),
        add: speakers ? t('moderator.groups.addSpeaker') : t('moderator.groups.add'),
      }}
      itemClassName="group-item"
      itemLabel={(_, i) => (speakers ? t('moderator.groups.speakerItem', { n: i + 1 }) : t('moderator.groups.item', { n: i + 1 }))}
      removeLabel={(group, name) => t('moderator.removeLabel', { item: `${name} (${group.name})` })}
      renderFields={(group, name, inputId) => (
        <>
          <CommitField
            inputId={inputId}
            label={`${name}: ${t('moderator.groups.name')}`}
            value={group.name}
            required
            commit={(value) => updateGroup(doc, phase.id, group.id, { name: value })}
          />
          <CommitField
            label={`${name}: ${speakers ? t('moderator.groups.role') : t('moderator.groups.composition')}`}
            value={group.composition}
            commit={(value) => updateGroup(doc, phase.id, group.id, { composition: value })}
          />
        </>
      )}
      add={() => {
        const n = phase.groups.length + 1;
        return addGroup(doc, phase.id, { name: speakers ? t('moderator.groups.newSpeaker', { n }) : t('moderator.groups.new', { n }) });
      }}
      remove={(id) => deleteGroup(doc, phase.id, id)}
      confirmRemove={(group) =>
        confirm({
          title: t('moderator.groups.removeTitle', { name: group.name }),
          message: t('moderator.groups.removeMessage'),
          confirmLabel: t('moderator.remove'),
        })
      }
    >
      {dialog}
    </ListEditor>
  );
}
