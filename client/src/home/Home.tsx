import { useState, type FormEvent } from 'react';
import { TEMPLATE_IDS, type TemplateId } from '@plenum/shared/templates';
import { useT } from '../state/ui-store.ts';
import { api, ApiError, type CreatedSession } from '../sync/api.ts';
import { Page } from '../ui/Page.tsx';

// Start page: create a workshop, then continue as its moderator.
export function Home() {
  const t = useT();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<TemplateId>('bilanz-zukunft');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api<CreatedSession>('/sessions', { method: 'POST', body: { title, template } });
      window.location.assign(created.links.moderator);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
      const field = err.field && err.field in { title: 1, template: 1 } ? t(`field.${err.field as 'title' | 'template'}`) : '';
      setError(t(`error.${err.code}` as 'error.internal', { field, limit: err.limit ?? '' }));
      setBusy(false);
    }
  }

  return (
    <Page>
      <h1>{t('app.name')}</h1>
      <p>{t('app.tagline')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <label>
          {t('field.title')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} required aria-invalid={error ? true : undefined} />
        </label>
        <label>
          {t('field.template')}
          <select value={template} onChange={(e) => setTemplate(e.target.value as TemplateId)}>
            {TEMPLATE_IDS.map((id) => (
              <option key={id} value={id}>
                {t(`template.${id}`)}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p role="alert" className="notice notice-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('loading') : t('home.create')}
        </button>
      </form>
    </Page>
  );
}
