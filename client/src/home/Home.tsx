import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ModelError } from '@plenum/shared/errors';
import { validateMeta, type MetaInput } from '@plenum/shared/session-doc';
import { TEMPLATE_IDS, type TemplateId } from '@plenum/shared/templates';
import { errorMessage } from '../i18n/errors.ts';
import { useT, useUi } from '../state/ui-store.ts';
import { api, ApiError, type CreatedSession } from '../sync/api.ts';
import { Page } from '../ui/Page.tsx';
import './home.css';

// Start page: create a workshop, then continue as its moderator. The form is
// checked with the model's own validation first (all problems at once); the
// server checks again and its coded errors land beside the same fields.

type Field = 'title' | 'subtitle' | 'place' | 'date' | 'startTime' | 'endTime' | 'contact' | 'template';
const META_FIELDS = ['title', 'subtitle', 'place', 'date', 'startTime', 'endTime', 'contact'] as const;
type Form = Record<(typeof META_FIELDS)[number], string> & { template: TemplateId };

// The default template first.
const TEMPLATES: TemplateId[] = ['bilanz-zukunft', ...TEMPLATE_IDS.filter((id) => id !== 'bilanz-zukunft')];

const EMPTY: Form = {
  title: '',
  subtitle: '',
  place: '',
  date: '',
  startTime: '',
  endTime: '',
  contact: '',
  template: 'bilanz-zukunft',
};

function checkForm(form: Form): Partial<Record<Field, unknown>> {
  const problems: Partial<Record<Field, unknown>> = {};
  for (const field of META_FIELDS) {
    try {
      validateMeta({ [field]: form[field] } as MetaInput, true);
    } catch (error) {
      problems[field] = error;
    }
  }
  if (!problems.startTime && !problems.endTime && form.startTime && form.endTime && form.endTime <= form.startTime) {
    problems.endTime = new ModelError('end_before_start', 'end time must be after start time', 'endTime');
  }
  return problems;
}

export function Home() {
  const t = useT();
  const [form, setForm] = useState<Form>(EMPTY);
  // The failures themselves, worded when shown (a language switch re-words them).
  const [errors, setErrors] = useState<Partial<Record<Field, { cause: unknown }>>>({});
  const [general, setGeneral] = useState<{ cause: unknown } | null>(null);
  // A workshop created in English gets the English texts of its template.
  const locale = useUi((s) => s.locale);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // CREATE_SECRET (docs/deploy.md): the server says whether creating needs its access code.
  const [secretRequired, setSecretRequired] = useState(false);
  const [secret, setSecret] = useState('');
  const [secretError, setSecretError] = useState<{ cause: unknown } | null>(null);
  useEffect(() => {
    let live = true;
    api<{ createSecretRequired: boolean }>('/settings').then(
      (settings) => live && setSecretRequired(settings.createSecretRequired),
      () => {}, // unknown: the server says so when the form is sent
    );
    return () => {
      live = false;
    };
  }, []);

  const labels: Record<Field, string> = {
    title: t('field.title'),
    subtitle: t('field.subtitle'),
    place: t('field.place'),
    date: t('field.date'),
    startTime: t('field.startTime'),
    endTime: t('field.endTime'),
    contact: t('field.contact'),
    template: t('field.template'),
  };

  const set = (field: keyof Form) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [field]: e.target.value }));
    if (errors[field]) setErrors((old) => ({ ...old, [field]: undefined }));
  };

  function showErrors(found: Partial<Record<Field, { cause: unknown }>>) {
    setErrors(found);
    const first = (Object.keys(labels) as Field[]).find((f) => found[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`#home-${first}`)?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setGeneral(null);
    const problems = checkForm(form);
    if (Object.keys(problems).length > 0) {
      const found: Partial<Record<Field, { cause: unknown }>> = {};
      for (const [field, error] of Object.entries(problems) as [Field, unknown][]) found[field] = { cause: error };
      showErrors(found);
      return;
    }
    setBusy(true);
    try {
      const created = await api<CreatedSession>('/sessions', { method: 'POST', body: { ...form, lang: locale }, token: secret || undefined });
      window.location.assign(created.links.moderator);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'secret_required') {
        setSecretRequired(true);
        setSecretError({ cause: e });
        setBusy(false);
        formRef.current?.querySelector<HTMLElement>('#home-secret')?.focus();
        return;
      }
      const field = (e as { field?: string }).field as Field | undefined;
      if (field && field in labels) showErrors({ [field]: { cause: e } });
      else setGeneral({ cause: e });
      setBusy(false);
    }
  }

  const fieldProps = (field: Field) => ({
    id: `home-${field}`,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': [errors[field] ? `home-${field}-error` : '', hintFor(field) ? `home-${field}-hint` : '']
      .filter(Boolean)
      .join(' ') || undefined,
  });
  const hintFor = (field: Field): string | null =>
    field === 'contact' ? t('home.contactHint') : field === 'template' ? t(`home.templateHint.${form.template}`) : null;
  const below = (field: Field) => (
    <>
      {hintFor(field) && (
        <p id={`home-${field}-hint`} className="field-hint">
          {hintFor(field)}
        </p>
      )}
      {errors[field] && (
        <p id={`home-${field}-error`} className="field-error">
          {errorMessage(t, errors[field].cause, labels[field])}
        </p>
      )}
    </>
  );

  return (
    <Page>
      <div className="home">
        <h1>{t('home.heading')}</h1>
        <p>{t('home.intro')}</p>
        <form ref={formRef} className="home-form" onSubmit={submit} noValidate aria-describedby="home-key">
          <div className="field">
            <label htmlFor="home-title">
              {labels.title} <span className="required-mark">({t('home.required')})</span>
            </label>
            <input {...fieldProps('title')} value={form.title} onChange={set('title')} required autoComplete="off" />
            {below('title')}
          </div>
          <div className="field">
            <label htmlFor="home-subtitle">{labels.subtitle}</label>
            <input {...fieldProps('subtitle')} value={form.subtitle} onChange={set('subtitle')} autoComplete="off" />
            {below('subtitle')}
          </div>
          <div className="field">
            <label htmlFor="home-place">{labels.place}</label>
            <input {...fieldProps('place')} value={form.place} onChange={set('place')} />
            {below('place')}
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="home-date">{labels.date}</label>
              <input {...fieldProps('date')} type="date" value={form.date} onChange={set('date')} />
              {below('date')}
            </div>
            <div className="field">
              <label htmlFor="home-startTime">{labels.startTime}</label>
              <input {...fieldProps('startTime')} type="time" value={form.startTime} onChange={set('startTime')} />
              {below('startTime')}
            </div>
            <div className="field">
              <label htmlFor="home-endTime">{labels.endTime}</label>
              <input {...fieldProps('endTime')} type="time" value={form.endTime} onChange={set('endTime')} />
              {below('endTime')}
            </div>
          </div>
          <div className="field">
            <label htmlFor="home-contact">{labels.contact}</label>
            <textarea {...fieldProps('contact')} rows={5} value={form.contact} onChange={set('contact')} />
            {below('contact')}
          </div>
          <div className="field">
            <label htmlFor="home-template">{labels.template}</label>
            <select {...fieldProps('template')} value={form.template} onChange={set('template')}>
              {TEMPLATES.map((id) => (
                <option key={id} value={id}>
                  {t(`template.${id}`)}
                </option>
              ))}
            </select>
            {below('template')}
          </div>
          {secretRequired && (
            <div className="field">
              <label htmlFor="home-secret">{t('home.secret.label')}</label>
              <input
                id="home-secret"
                type="password"
                autoComplete="off"
                value={secret}
                aria-invalid={secretError ? true : undefined}
                aria-describedby={secretError ? 'home-secret-hint home-secret-error' : 'home-secret-hint'}
                onChange={(e) => {
                  setSecret(e.target.value);
                  setSecretError(null);
                }}
              />
              <p id="home-secret-hint" className="field-hint">
                {t('home.secret.hint')}
              </p>
              {secretError && (
                <p id="home-secret-error" className="field-error">
                  {errorMessage(t, secretError.cause)}
                </p>
              )}
            </div>
          )}
          <p id="home-key" className="notice notice-key">
            {t('home.keyNotice')}
          </p>
          {general && (
            <p role="alert" className="notice notice-error">
              {errorMessage(t, general.cause)}
            </p>
          )}
          {Object.values(errors).some(Boolean) && (
            <p role="alert" className="notice notice-error" data-testid="form-errors">
              {t('home.fixErrors')}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {busy ? t('loading') : t('home.create')}
          </button>
        </form>
      </div>
    </Page>
  );
}
