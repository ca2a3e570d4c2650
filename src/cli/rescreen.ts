/**
 * @module cli/rescreen
 * What a command that changed the atlas does last: the store's watchlists screened again where
 * the change touched them, and the alerts raised sent to their webhooks — so a change made from
 * the command line alerts as one made in the explorer does.
 */
import type { Store } from '../store/store.ts';
import { storeViews, Watcher } from '../watch/watcher.ts';
import { deliverDue } from '../watch/webhook.ts';

export async function rescreenWatchlists(store: Store): Promise<void> {
  if (!(await store.watchlists.ids()).length) return;
  const report = await new Watcher(store).catchUp(await storeViews(store));
  if (!report.alerts) return;
  await deliverDue(store.watchlists);
  process.stderr.write(`watchlists: ${report.alerts} new alert${report.alerts === 1 ? '' : 's'} (see greyzone alerts)\n`);
}
