/** Coalesces bursts of triggers into one call `ms` after the last trigger. */
export class Debouncer {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ms: number,
    private readonly fn: () => void,
  ) {}

  trigger(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fn();
    }, this.ms);
    // A pending refresh must not keep a server whose client went away alive.
    this.timer.unref();
  }
}
