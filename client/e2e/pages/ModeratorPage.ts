import type { Locator, Page } from 'playwright-core';

// Page object for the moderator's view. Tests say what a moderator does
// ("start the timer"); this file knows which control does it (German UI).
export class ModeratorPage {
  constructor(readonly page: Page) {}

  async open(link: string): Promise<void> {
    await this.page.goto(link);
    await this.ready();
  }

  async ready(): Promise<void> {
    await this.page.locator('.moderator').waitFor();
  }

  // ---- agenda ----

  async showAgenda(): Promise<void> {
    await this.nav('Agenda & Ablauf').click();
    await this.agenda().waitFor();
  }

  agenda(): Locator {
    return this.page.getByTestId('agenda');
  }

  agendaTitles(): Promise<string[]> {
    return this.agenda().locator('.agenda-title').allInnerTexts();
  }

  /** The agenda entry's button, by part of its title. */
  phaseButton(title: string): Locator {
    return this.agenda().locator('.agenda-select', { hasText: title });
  }

  async openPhase(title: string): Promise<void> {
    await this.phaseButton(title).click();
    await this.detail().getByRole('heading', { name: title }).first().waitFor();
  }

  /** The panel of the chosen phase (run, results, editor). */
  detail(): Locator {
    return this.page.locator('.phase-detail');
  }

  detailTitle(): Promise<string> {
    return this.page.locator('.phase-detail-title').innerText();
  }

  async startPhase(): Promise<void> {
    await this.detail().getByRole('button', { name: 'Phase starten' }).click();
  }

  async closePhase(): Promise<void> {
    await this.detail().getByRole('button', { name: 'Phase schließen' }).click();
  }

  /** What the run panel last said ("Die Phase läuft…"), worded in the language shown now. */
  runNotice(): Locator {
    return this.detail().locator('.run-panel .panel-status');
  }

  async setLanguage(locale: 'de' | 'en'): Promise<void> {
    await this.page.locator('.language-switch select').selectOption(locale);
  }

  phaseStatus(): Locator {
    return this.detail().getByTestId('phase-status');
  }

  async startTimer(): Promise<void> {
    await this.detail().getByRole('button', { name: 'Timer starten' }).click();
  }

  timer(): Locator {
    return this.detail().getByTestId('phase-timer');
  }

  /** "Gruppe 1" / "Arbeitsgruppe 2": the read-only peek at that group's board. */
  groupPeek(groupName: string): Locator {
    return this.detail().getByTestId('group-peek').filter({ has: this.page.getByRole('heading', { name: groupName }) });
  }

  /** "Private Karten aufdecken". */
  async revealPrivate(): Promise<void> {
    await this.detail().getByRole('button', { name: 'Private Karten aufdecken' }).click();
  }

  /** A group's private-writing progress in its peek ("3 Karten von 2 Personen"), counts only. */
  privateCount(groupName: string): Locator {
    return this.groupPeek(groupName).getByTestId('peek-private');
  }

  /** Presses the remove button of the prompt (column) with this text; a question may follow. */
  async removePrompt(text: string): Promise<void> {
    await this.detail().getByRole('button', { name: `„${text}“ entfernen`, exact: false }).click();
  }

  /** The open confirmation dialog. */
  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** The notice after a column was removed, with its "Rückgängig". */
  promptNotice(): Locator {
    return this.detail().getByTestId('prompt-notice');
  }

  async undoPromptRemoval(): Promise<void> {
    await this.promptNotice().getByRole('button', { name: 'Rückgängig' }).click();
  }

  /** The texts of the phase's prompts (columns) in the editor, in order. */
  promptTexts(): Promise<string[]> {
    return this.detail()
      .locator('input[id^="prompt-text-"]')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  }

  /** Confirms (or cancels) the open confirmation dialog. */
  async answerDialog(confirm: boolean): Promise<void> {
    const dialog = this.page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button').nth(confirm ? 1 : 0).click();
    await dialog.waitFor({ state: 'detached' });
  }

  // ---- links ----

  async showLinks(): Promise<void> {
    await this.nav('Rollen & Links').click();
    await this.page.locator('.link-input').first().waitFor();
  }

  /** The link in the read-only field labelled e.g. "Phase 2 – Arbeitsgruppe 1". */
  link(label: string): Promise<string> {
    return this.page.getByLabel(label, { exact: true }).inputValue();
  }

  async showQr(label: string): Promise<Locator> {
    const row = this.page.locator('.link-row').filter({ has: this.page.getByLabel(label, { exact: true }) });
    await row.locator('summary').click();
    const qr = row.getByTestId('qr-code');
    await qr.waitFor();
    return qr;
  }

  // ---- workshop data ----

  async showWorkshop(): Promise<void> {
    await this.nav('Workshop-Daten').click();
    await this.page.locator('.meta-editor').waitFor();
  }

  /** How participants are addressed: "Sie" (formal) or "du" (informal). */
  addressChoice(address: 'formal' | 'informal'): Locator {
    return this.page.getByRole('group', { name: 'Anrede der Teilnehmenden' }).getByRole('radio', {
      name: address === 'formal' ? '„Sie“' : '„du“',
      exact: false,
    });
  }

  private nav(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Bereiche der Moderation' }).getByRole('button', { name });
  }
}
