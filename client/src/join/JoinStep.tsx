import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '@plenum/shared/limits';
import type { Group } from '@plenum/shared/session-doc';
import { useT } from '../state/ui-store.ts';
import './join.css';

// The short step before the board: an optional name (anonymous is fine) and,
// when the link does not fix one and the phase has several, the group.

export function JoinStep({
  sessionTitle,
  askName,
  initialName,
  groups,
  speakers = false,
  initialGroupId,
  onJoin,
}: {
  sessionTitle: string;
  askName: boolean;
  initialName: string;
  /** Groups to choose from, or null when there is nothing to choose. */
  groups: Group[] | null;
  /** A statements phase: the groups are speakers (name and role), not the person's own group. */
  speakers?: boolean;
  initialGroupId: string | null;
  onJoin(name: string, groupId: string | null): void;
}) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState(initialName);
  const [groupId, setGroupId] = useState<string | null>(
    initialGroupId && groups?.some((g) => g.id === initialGroupId) ? initialGroupId : null,
  );
  const [missingGroup, setMissingGroup] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const firstGroup = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (askName ? nameInput.current : firstGroup.current)?.focus();
  }, [askName]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (groups && !groupId) {
      setMissingGroup(true);
      firstGroup.current?.focus();
      return;
    }
    onJoin(name.trim(), groupId);
  };

  return (
    <div className="join">
      <p className="join-session">{sessionTitle}</p>
      <h1 className="join-title">{askName ? t('join.title') : t(speakers ? 'join.speakerTitle' : 'join.groupTitle')}</h1>
      <form className="form join-form" onSubmit={submit} noValidate data-testid="join-form">
        {askName && (
          <div className="join-field">
            <label htmlFor={`${id}-name`}>{t('join.name')}</label>
            <input
              id={`${id}-name`}
              ref={nameInput}
              value={name}
              maxLength={LIMITS.authorNameLength}
              autoComplete="nickname"
              aria-describedby={`${id}-name-hint`}
              onChange={(e) => setName(e.target.value)}
            />
            <p id={`${id}-name-hint`} className="hint">
              {t('join.nameHint')}
            </p>
          </div>
        )}
        {groups && (
          <fieldset className="join-groups" aria-describedby={missingGroup ? `${id}-group-error` : undefined}>
            <legend>{t(speakers ? 'join.speaker' : 'join.group')}</legend>
            {groups.map((group, i) => (
              <label key={group.id} className="join-group">
                <input
                  ref={i === 0 ? firstGroup : undefined}
                  type="radio"
                  name={`${id}-group`}
                  value={group.id}
                  checked={groupId === group.id}
                  aria-invalid={missingGroup && !groupId ? true : undefined}
                  onChange={() => {
                    setGroupId(group.id);
                    setMissingGroup(false);
                  }}
                />
                <span className="join-group-text">
                  <span className="join-group-name">{group.name}</span>
                  {group.composition && <span className="join-group-composition">{group.composition}</span>}
                </span>
              </label>
            ))}
            {missingGroup && (
              <p id={`${id}-group-error`} role="alert" className="join-error">
                {t(speakers ? 'join.speakerMissing' : 'join.groupMissing')}
              </p>
            )}
          </fieldset>
        )}
        <button type="submit" className="join-submit">
          {t('join.submit')}
        </button>
      </form>
    </div>
  );
}
