import type { IExecuteFunctions } from 'n8n-workflow';

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier task with the same key in this process has settled, so that two
 * items or two executions creating the same thing do not race each other inside one n8n process.
 */
export async function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
	const previous = queues.get(key) ?? Promise.resolve();
	const current = previous.then(task, task);
	const tail = current.then(
		() => undefined,
		() => undefined,
	);
	queues.set(key, tail);
	try {
		return await current;
	} finally {
		if (queues.get(key) === tail) queues.delete(key);
	}
}

/** A lock key that is the same for the same credential and natural key, in every execution. */
export function lockKey(context: IExecuteFunctions, ...parts: unknown[]): string {
	const credentials = Object.values(context.getNode().credentials ?? {}).map(
		(credential) => credential.id ?? credential.name,
	);
	return JSON.stringify([credentials, ...parts]);
}
