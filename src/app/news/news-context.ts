import type { FredClient } from '../../adapters/fred/index.js';
import type { ProviderDependencies } from '../../adapters/http/index.js';
import type { Clock } from '../../core/clock.js';
import { SystemClock } from '../../live/system-clock.js';
import type { Store } from '../../store/repositories.types.js';
import type { AppContext } from '../app-context.js';
import { buildMacroClient, buildNewsSources, type NewsSourceEntry } from './build-news-sources.js';
import { loadNewsSettings, type NewsSettings } from './news-settings.js';
import { NewsStatusLog } from './news-status-log.js';

/** What the news use cases run on: the store, the configured sources, the status log and a clock. */
export interface NewsContext {
  readonly store: Store;
  readonly settings: NewsSettings;
  readonly sources: readonly NewsSourceEntry[];
  /** FRED, for the provider status (macro context, not a news source). */
  readonly macro: FredClient;
  readonly log: NewsStatusLog;
  readonly clock: Clock;
}

/**
 * Wires the news use cases for a process: keys from the AppConfig, the other source settings from
 * `<dataDir>/news-sources.json` (news-settings.ts), the fetch history in `<dataDir>/news-status.json`, the
 * wall clock. `dependencies` replaces the network and time of the adapters (tests).
 */
export function newsContext(app: AppContext, dependencies: ProviderDependencies = {}): NewsContext {
  const settings = loadNewsSettings(app.dataDir);
  return {
    store: app.store(),
    settings,
    sources: buildNewsSources(app.config, settings, dependencies),
    macro: buildMacroClient(app.config, settings, dependencies),
    log: NewsStatusLog.inDataDir(app.dataDir),
    clock: new SystemClock(),
  };
}
