import type { SettingRepository } from '../store/api-repositories.types.js';

/** The last client order number used per strategy, kept across restarts so an id is never reused. */
export interface SequenceStore {
  /** 0 when the strategy never sent an order. */
  load(strategy: string): Promise<number>;
  /** Records `value` as used; a smaller value than the stored one is ignored (sends may finish out of order). */
  save(strategy: string, value: number): Promise<void>;
}

/** Sequences in the store's named settings (`live.sequence.<strategy>`); no table of its own needed. */
export class SettingSequenceStore implements SequenceStore {
  constructor(
    private readonly settings: SettingRepository,
    private readonly now: () => number,
  ) {}

  async load(strategy: string): Promise<number> {
    const stored = await this.settings.get(key(strategy));
    return typeof stored?.value === 'number' ? stored.value : 0;
  }

  async save(strategy: string, value: number): Promise<void> {
    if (value <= (await this.load(strategy))) return;
    await this.settings.put(key(strategy), value, this.now());
  }
}

/** In memory (tests, dry runs). */
export class MemorySequenceStore implements SequenceStore {
  private readonly values = new Map<string, number>();

  load(strategy: string): Promise<number> {
    return Promise.resolve(this.values.get(strategy) ?? 0);
  }

  save(strategy: string, value: number): Promise<void> {
    if (value > (this.values.get(strategy) ?? 0)) this.values.set(strategy, value);
    return Promise.resolve();
  }
}

function key(strategy: string): string {
  return `live.sequence.${strategy}`;
}
