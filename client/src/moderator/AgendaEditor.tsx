import { useState } from 'react';
import type * as Y from 'yjs';
import { LIMITS } from '@plenum/shared/limits';
import { addPhase, deletePhase, movePhase, type Phase } from '@plenum/shared/session-doc';
import { tryWrite } from '../i18n/errors.ts';
import { messageText, type Message } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';
import { useConfirm } from './ConfirmDialog.tsx';
import { FieldError } from './FieldError.tsx';
import { ItemActions } from './ItemActions.tsx';
import { useFocusById } from './useFocusById.ts';

// The numbered agenda: choose a phase to edit or run it, move it up or down,
// add or delete one. Moving keeps keyboard focus on the moved phase's button
// and announces the new position.

interface AgendaEditorProps {
  doc: Y.Doc;
  phases: Phase[];
  currentPhaseId: string | null;
  selectedId: string | null;
  onSelect(id: string): void;
}

export function AgendaEditor({ doc, phases, currentPhaseId, selectedId, onSelect }: AgendaEditorProps) {
  const t = useT();
  // Kept as key and params, worded when shown: a language switch re-words them.
  const [announcement, setAnnouncement] = useState<Message | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const setFocusId = useFocusById(phases);
  const [confirm, dialog] = useConfirm();

  function move(phase: Phase, index: number): boolean {
    const failure = tryWrite(() => movePhase(doc, phase.id, index));
    setError(failure);
    if (failure) return false;
    setAnnouncement({ key: 'moderator.agenda.moved', params: { title: phase.title, n: index + 1 } });
    return true;
  }

  async function remove(phase: Phase, index: number) {
    const ok = await confirm({
      title: t('moderator.agenda.deleteTitle', { title: phase.title }),
      message: t('moderator.agenda.deleteMessage'),
      confirmLabel: t('moderator.delete'),
    });
    if (!ok) return;
    const failure = tryWrite(() => deletePhase(doc, phase.id));
    setError(failure);
    if (failure) return;
    setAnnouncement({ key: 'moderator.agenda.deleted', params: { title: phase.title } });
    const neighbour = phases[index + 1] ?? phases[index - 1];
    if (neighbour) {
      onSelect(neighbour.id);
      setFocusId(`agenda-select-${neighbour.id}`);
    } else {
      setFocusId('agenda-add');
    }
  }

  function add() {
    let id = '';
    const failure = tryWrite(
      () => {
        id = addPhase(doc, { title: t('moderator.agenda.newPhase'), kind: 'groupwork', timerMinutes: 20 });
      },
      'field.phases',
    );
    setError(failure);
    if (failure) return;
    onSelect(id);
    setAnnouncement({ key: 'moderator.agenda.added' });
    setFocusId(`phase-title-${id}`);
  }

  return (
    <section className="agenda-editor" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t('moderator.agenda.heading')}</h2>
      {phases.length === 0 && <p>{t('moderator.agenda.empty')}</p>}
      <ol className="agenda-list" data-testid="agenda">
        {phases.map((phase, i) => {
          const selected = phase.id === selectedId;
          const current = phase.id === currentPhaseId && phase.status === 'open';
          const label = t('moderator.phaseNumber', { n: i + 1 });
          return (
            <li key={phase.id} className={`agenda-item${selected ? ' selected' : ''}${current ? ' current' : ''}`}>
              <button
                type="button"
                id={`agenda-select-${phase.id}`}
                className="agenda-select"
                aria-current={selected ? 'true' : undefined}
                onClick={() => onSelect(phase.id)}
              >
                <span className="agenda-number">{i + 1}.</span>
                <span className="agenda-title">{phase.title}</span>
                <span className="agenda-meta">
                  {t(`moderator.kind.${phase.kind}`)}
                  {phase.timer.durationMs > 0 && ` · ${t('moderator.minutes', { n: Math.round(phase.timer.durationMs / 60_000) })}`}
                  {' · '}
                  <span className={`phase-status phase-status-${current ? 'current' : phase.status}`}>
                    {current ? t('moderator.status.current') : t(`moderator.status.${phase.status}`)}
                  </span>
                </span>
              </button>
              <ItemActions
                idPrefix="agenda"
                itemId={phase.id}
                index={i}
                count={phases.length}
                label={label}
                removeLabel={t('moderator.deleteLabel', { item: label })}
                onMove={(index) => move(phase, index)}
                onRemove={() => void remove(phase, i)}
                focus={setFocusId}
              />
            </li>
          );
        })}
      </ol>
      <button type="button" id="agenda-add" disabled={phases.length >= LIMITS.phasesPerSession} onClick={add}>
        {t('moderator.agenda.add')}
      </button>
      <p className="visually-hidden" role="status">
        {announcement && messageText(t, announcement)}
      </p>
      <FieldError error={error} />
      {dialog}
    </section>
  );
}
