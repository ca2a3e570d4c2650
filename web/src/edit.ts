/**
 * Editing a record in the explorer (analysts and admins): the record as YAML, the same form as the
 * atlas files, saved with the version it was read at. If someone else saved first, the save is
 * refused with their version named, and nothing is lost: the text stays for the analyst to redo.
 */
import { api, ApiError } from './api.ts';
import { h } from './dom.ts';

export function editForm(id: string, record: unknown, version: number, saved: () => void): HTMLElement {
  const area = h('textarea', { id: 'record-yaml', rows: '24', spellcheck: 'false', 'aria-label': 'The record as YAML' });
  const status = h('p', { role: 'status', class: 'edit-status' });
  let current = version;
  const form = h('form', { class: 'edit-record' }, area, h('div', {}, h('button', { type: 'submit' }, 'Save'), ' ', h('span', { class: 'muted' }, `version ${version}`)), status);
  void import('yaml').then((YAML) => {
    area.value = YAML.stringify(record, { lineWidth: 0 });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      let data: unknown;
      try {
        data = YAML.parse(area.value);
      } catch (err) {
        status.textContent = `Not valid YAML: ${(err as Error).message.split('\n')[0]}`;
        return;
      }
      api<{ version: number }>(`/entities/${encodeURIComponent(id)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: current, record: data }) }).then(
        (r) => {
          current = r.version;
          saved();
        },
        (err: unknown) => {
          status.textContent = err instanceof ApiError ? err.message : 'Saving failed.';
        },
      );
    });
  });
  return h('details', { class: 'edit' }, h('summary', {}, 'Edit this record'), form);
}
