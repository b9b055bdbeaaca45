/** Waits until the renderer's replica is open (it opens once it knows who is signed in). */
export class ReadySignal {
  private ready = false;
  private waiters: Array<() => void> = [];

  set(ready: boolean): void {
    this.ready = ready;
    if (ready) for (const wake of this.waiters.splice(0)) wake();
  }

  isReady(): boolean {
    return this.ready;
  }

  wait(timeoutMs: number): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== wake);
        reject(new Error('The local replica is not open.'));
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(wake);
    });
  }
}
