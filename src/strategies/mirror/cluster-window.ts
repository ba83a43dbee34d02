/**
 * Filers who traded one symbol the same way recently: a sliding window over publication times. Entries must
 * arrive in time order (the mirror strategy feeds it from its publication-sorted cursor), so expiry only
 * looks at the front. Work happens per disclosure, never per bar.
 */
export class ClusterWindow {
  private readonly ciks: string[] = [];
  private readonly times: number[] = [];
  private head = 0;

  constructor(private readonly windowMs: number) {}

  /** Records a filing at `ts` and returns how many distinct filers filed within [ts - window, ts]. */
  add(cik: string, ts: number): number {
    while (this.head < this.times.length && (this.times[this.head] as number) < ts - this.windowMs)
      this.head++;
    if (this.head > 64 && this.head * 2 > this.times.length) {
      this.ciks.splice(0, this.head);
      this.times.splice(0, this.head);
      this.head = 0;
    }
    this.ciks.push(cik);
    this.times.push(ts);
    const distinct = new Set<string>();
    for (let k = this.head; k < this.ciks.length; k++) distinct.add(this.ciks[k] as string);
    return distinct.size;
  }
}
