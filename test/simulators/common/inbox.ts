interface Waiter<T> {
	predicate: (item: T) => boolean;
	resolve: (item: T) => void;
	reject: (error: Error) => void;
	timer: NodeJS.Timeout;
}

/** Received items (mails, text messages) that a test can wait for. */
export class Inbox<T> {
	readonly items: T[] = [];
	private waiters: Array<Waiter<T>> = [];

	constructor(private readonly describe: (item: T) => string) {}

	push(item: T): void {
		this.items.push(item);
		for (const waiter of this.waiters.filter((candidate) => candidate.predicate(item))) {
			this.settle(waiter);
			waiter.resolve(item);
		}
	}

	/** The first item, received or still to come, that matches; rejects after `timeoutMs`. */
	waitFor(predicate: (item: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
		const found = this.items.find(predicate);
		if (found) return Promise.resolve(found);
		return new Promise((resolve, reject) => {
			const waiter: Waiter<T> = {
				predicate,
				resolve,
				reject,
				timer: setTimeout(() => {
					this.settle(waiter);
					const seen = this.items.map(this.describe).join('; ') || 'nothing';
					reject(new Error(`No matching item within ${timeoutMs} ms; received: ${seen}.`));
				}, timeoutMs),
			};
			this.waiters.push(waiter);
		});
	}

	clear(): void {
		this.items.length = 0;
	}

	/** Rejects every pending `waitFor`. */
	close(): void {
		for (const waiter of [...this.waiters]) {
			this.settle(waiter);
			waiter.reject(new Error('The inbox was closed.'));
		}
	}

	private settle(waiter: Waiter<T>): void {
		clearTimeout(waiter.timer);
		this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
	}
}
