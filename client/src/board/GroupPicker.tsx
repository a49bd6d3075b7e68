import { useId } from 'react';
import type { Group } from '@plenum/shared/session-doc';
import { useT } from '../state/ui-store.ts';

/** For viewers: which group's board to show. */
export function GroupPicker({ groups, value, onChange }: { groups: Group[]; value: string; onChange(groupId: string): void }) {
  const t = useT();
  const id = useId();
  return (
    <div className="group-picker">
      <label htmlFor={id}>{t('viewer.group')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid="group-picker">
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
    </div>
  );
}
