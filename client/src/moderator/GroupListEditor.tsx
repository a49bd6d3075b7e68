import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { LIMITS } from '@plenum/shared/limits';
import { addGroup, deleteGroup, updateGroup, type Phase } from '@plenum/shared/session-doc';
import { tryWrite } from '../i18n/errors.ts';
import { useT } from '../state/ui-store.ts';
import { useConfirm } from './ConfirmDialog.tsx';
import { CommitField } from './CommitField.tsx';

// The groups of a phase: each has its own board and breakout link. In a
// statements phase the "groups" are the named speakers.

export function GroupListEditor({ doc, phase }: { doc: Y.Doc; phase: Phase }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [confirm, dialog] = useConfirm();
  const speakers = phase.kind === 'statements';
  const legend = speakers ? t('moderator.groups.speakersLegend') : t('moderator.groups.legend');

  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId, phase.groups]);

  async function remove(index: number) {
    const group = phase.groups[index];
    if (!group) return;
    const ok = await confirm({
      title: t('moderator.groups.removeTitle', { name: group.name }),
      message: t('moderator.groups.removeMessage'),
      confirmLabel: t('moderator.remove'),
    });
    if (!ok) return;
    const failure = tryWrite(t, () => deleteGroup(doc, phase.id, group.id));
    setError(failure);
    // The button is gone: continue at the next group, or at "add".
    const next = phase.groups[index + 1] ?? phase.groups[index - 1];
    if (!failure) setFocusId(next ? `group-name-${next.id}` : `group-add-${phase.id}`);
  }

  return (
    <fieldset className="list-editor">
      <legend>{legend}</legend>
      <p className="field-hint">{speakers ? t('moderator.groups.speakersHint') : t('moderator.groups.hint')}</p>
      {phase.groups.length === 0 && <p className="field-hint">{t('moderator.groups.empty')}</p>}
      <ol className="list-editor-items">
        {phase.groups.map((group, i) => {
          const name = speakers ? t('moderator.groups.speakerItem', { n: i + 1 }) : t('moderator.groups.item', { n: i + 1 });
          return (
            <li key={group.id} className="list-editor-item group-item">
              <CommitField
                inputId={`group-name-${group.id}`}
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
              <div className="item-actions">
                <button
                  type="button"
                  className="icon-button secondary danger-text"
                  aria-label={t('moderator.removeLabel', { item: `${name} (${group.name})` })}
                  onClick={() => void remove(i)}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        id={`group-add-${phase.id}`}
        className="secondary"
        disabled={phase.groups.length >= LIMITS.groupsPerPhase}
        onClick={() => {
          let id = '';
          const n = phase.groups.length + 1;
          const defaultName = speakers ? t('moderator.groups.newSpeaker', { n }) : t('moderator.groups.new', { n });
          const failure = tryWrite(t, () => {
            id = addGroup(doc, phase.id, { name: defaultName });
          }, legend);
          setError(failure);
          if (!failure) setFocusId(`group-name-${id}`);
        }}
      >
        {speakers ? t('moderator.groups.addSpeaker') : t('moderator.groups.add')}
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {dialog}
    </fieldset>
  );
}
