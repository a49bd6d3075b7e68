import type * as Y from 'yjs';
import { ADDRESSES, updateMeta, type SessionMeta } from '@plenum/shared/session-doc';
import { useT } from '../state/ui-store.ts';
import { CommitField } from './CommitField.tsx';

// The workshop's title block and contact, as printed on the protocol, and how
// the participants' pages speak to them ("Sie" or "du"; the moderator's own
// pages always say "Sie"). A choice is written at once: open pages follow live.

export function MetaEditor({ doc, meta }: { doc: Y.Doc; meta: SessionMeta }) {
  const t = useT();
  return (
    <section className="meta-editor" aria-labelledby="meta-heading">
      <h2 id="meta-heading">{t('moderator.meta.heading')}</h2>
      <CommitField label={t('field.title')} value={meta.title} required commit={(title) => updateMeta(doc, { title })} />
      <CommitField label={t('field.subtitle')} value={meta.subtitle} commit={(subtitle) => updateMeta(doc, { subtitle })} />
      <CommitField label={t('field.place')} value={meta.place} commit={(place) => updateMeta(doc, { place })} />
      <div className="field-row">
        <CommitField type="date" label={t('field.date')} value={meta.date} commit={(date) => updateMeta(doc, { date })} />
        <CommitField
          type="time"
          label={t('field.startTime')}
          value={meta.startTime}
          commit={(startTime) => updateMeta(doc, { startTime })}
        />
        <CommitField type="time" label={t('field.endTime')} value={meta.endTime} commit={(endTime) => updateMeta(doc, { endTime })} />
      </div>
      <CommitField
        label={t('field.contact')}
        value={meta.contact}
        multiline
        rows={6}
        hint={t('moderator.meta.contactHint')}
        commit={(contact) => updateMeta(doc, { contact })}
      />
      <fieldset className="address-choice" aria-describedby="address-hint">
        <legend>{t('moderator.meta.address')}</legend>
        <p id="address-hint" className="field-hint">
          {t('moderator.meta.addressHint')}
        </p>
        {ADDRESSES.map((address) => (
          <div key={address} className="checkbox">
            <input
              id={`address-${address}`}
              type="radio"
              name="address"
              value={address}
              checked={meta.address === address}
              onChange={() => updateMeta(doc, { address })}
            />
            <label htmlFor={`address-${address}`}>{t(`moderator.meta.address.${address}`)}</label>
          </div>
        ))}
      </fieldset>
    </section>
  );
}
