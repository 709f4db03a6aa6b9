// The lesson player, as a student meets it: the Lessons list, the caption bar with its chapter buttons,
// and a question's radio group, "Check answer" and feedback.
import { expect, type Page } from '@playwright/test';

export class LessonPlayer {
  constructor(readonly page: Page) {}

  get bar() {
    return this.page.getByRole('region', { name: 'Lesson' });
  }
  get chapterTitle() {
    return this.bar.getByRole('heading', { level: 2 });
  }
  get next() {
    return this.bar.getByRole('button', { name: 'Next chapter' });
  }
  get previous() {
    return this.bar.getByRole('button', { name: 'Previous chapter' });
  }

  async open(title: string) {
    await this.page.getByRole('button', { name: 'Lessons', exact: true }).click();
    const list = this.page.getByRole('dialog', { name: 'Lessons' });
    await list.getByRole('button', { name: title, exact: true }).click();
    await expect(list).toBeHidden();
    await expect(this.chapterTitle).toBeVisible();
  }

  /** Presses "Presenter mode" and waits until the page has taken its presenter layout. */
  async presenter() {
    await this.bar.getByRole('button', { name: 'Presenter mode' }).click();
    await expect(this.page.locator('.app.presenter')).toBeVisible();
  }

  question(prompt: string | RegExp) {
    return this.bar.getByRole('radiogroup', { name: prompt });
  }

  /** The form of the question named by its prompt: the prompt, the choices and "Check answer". */
  quiz(prompt: string | RegExp) {
    return this.bar.locator('form.quiz').filter({ has: this.page.getByRole('radiogroup', { name: prompt }) });
  }

  /** Answers the question named by its prompt; returns its feedback (a live region). */
  async answer(prompt: string | RegExp, choice: string | RegExp) {
    const group = this.question(prompt);
    await group.getByRole('radio', { name: choice }).check();
    const form = this.quiz(prompt);
    await form.getByRole('button', { name: 'Check answer' }).click();
    return form.getByRole('status');
  }
}
