import { HttpSimulator, type Pipeline } from '../common';
import { handleApi } from './api';
import type { SdpAttachment } from './attachments';
import { controlRoutes } from './control';
import { seedDemo, type DemoInfo } from './demo';
import { errorReply, SdpError } from './envelope';
import { findUser, applySeed, type SeedData } from './seed';
import {
	applyKnobs,
	createState,
	resetState,
	snapshotState,
	type SdpNote,
	type SdpRequest,
	type SdpWorklog,
	type ServiceDeskPlusKnobs,
	type ServiceDeskPlusState,
} from './state';
import { issueAccessToken, type TokenResponse } from './zoho';

export interface StartOptions {
	/** 0 (default) = a free port. */
	port?: number;
	/** The data-centre domain the API answers as; default `sdpondemand.manageengine.com` (US). */
	domain?: string;
	/** The Zoho Accounts host of that data centre; default `accounts.zoho.com`. */
	accountsHost?: string;
	/** The portal in `/app/{portal}/api/v3`; default `itdesk`. */
	portal?: string;
	/** Access tokens one refresh token may yield within ten minutes (Zoho's limit); default 10. */
	tokensPerTenMinutes?: number;
	/** Initial data; default 'empty'. */
	seed?: SeedData | 'demo' | 'empty';
	/** Where SDP's documentation is silent (README "Knobs"); each default is the stricter side. */
	knobs?: Partial<ServiceDeskPlusKnobs>;
}

/** A stateful stand-in for one ServiceDesk Plus Cloud portal (API v3) and its Zoho token endpoint. */
export class ServiceDeskPlusSimulator extends HttpSimulator {
	readonly state: ServiceDeskPlusState = createState();

	readonly domain: string;
	readonly accountsHost: string;
	readonly portal: string;
	private readonly tokensPerTenMinutes: number;
	constructor(options: Omit<StartOptions, 'port' | 'seed'> = {}) {
		super();
		this.domain = options.domain ?? 'sdpondemand.manageengine.com';
		this.accountsHost = options.accountsHost ?? 'accounts.zoho.com';
		this.portal = options.portal ?? 'itdesk';
		this.tokensPerTenMinutes = options.tokensPerTenMinutes ?? 10;
		this.setKnobs(options.knobs ?? {});
	}

	/** The live knobs (README "Knobs"): set them here, with `setKnobs` or `PATCH /__knobs`; `reset()` keeps them. */
	get knobs(): ServiceDeskPlusKnobs {
		return this.state.knobs;
	}

	/** Sets some knobs; an unknown knob or value throws. */
	setKnobs(changes: Partial<ServiceDeskPlusKnobs>): ServiceDeskPlusKnobs {
		applyKnobs(this.state.knobs, changes);
		return this.state.knobs;
	}

	protected pipeline(): Omit<Pipeline, 'log' | 'faults'> {
		return {
			control: controlRoutes(this),
			handle: (request) =>
				handleApi(this.state, request, {
					portal: this.portal,
					tokensPerTenMinutes: this.tokensPerTenMinutes,
				}),
			internalError: (message) =>
				errorReply(new SdpError(500, 4000, `Simulator error: ${message}`)),
		};
	}

	protected hostnames(): string[] {
		return [this.domain, this.accountsHost];
	}

	/** `https://sdpondemand.manageengine.com/app/itdesk/api/v3`: what a flow's Config names. */
	get apiBaseUrl(): string {
		return `https://${this.domain}/app/${this.portal}/api/v3`;
	}

	/** `https://accounts.zoho.com/oauth/v2/token`. */
	get tokenUrl(): string {
		return `https://${this.accountsHost}/oauth/v2/token`;
	}

	/** Empty portal, no clients or tokens, empty log (sequence restarts), no faults; ids restart; knobs stay. */
	reset(): void {
		resetState(this.state);
		this.resetTraffic();
	}

	seed(data: SeedData): void {
		applySeed(this.state, data);
	}

	seedDemo(): DemoInfo {
		return seedDemo(this.state, this.portal);
	}

	snapshot(): Record<string, unknown> {
		return snapshotState(this.state);
	}

	/** The stored request (live object) by id or display id. */
	request(idOrDisplayId: string): SdpRequest | undefined {
		return (
			this.state.requests.get(idOrDisplayId) ??
			[...this.state.requests.values()].find((request) => request.display_id === idOrDisplayId)
		);
	}

	/** Notes of a request (by id or display id), oldest first. */
	notes(idOrDisplayId: string): SdpNote[] {
		const id = this.request(idOrDisplayId)?.id;
		return this.state.notes.filter((note) => note.requestId === id);
	}

	/** Worklogs of a request (by id or display id), oldest first. */
	worklogs(idOrDisplayId: string): SdpWorklog[] {
		const id = this.request(idOrDisplayId)?.id;
		return this.state.worklogs.filter((worklog) => worklog.requestId === id);
	}

	/** Files uploaded to a request (by id or display id), oldest first, with their bytes. */
	attachments(idOrDisplayId: string): SdpAttachment[] {
		const id = this.request(idOrDisplayId)?.id;
		return this.state.attachments.filter((attachment) => attachment.requestId === id);
	}

	/** A user's name by id (for readable assertions on owners and authors). */
	userName(id: string): string | undefined {
		return this.state.users.get(id)?.name;
	}

	/** An access token acting as `user` (name or id; default the demo's SDAdmin), without a refresh. */
	issueAccessToken(user = 'Heidi Admin'): TokenResponse {
		return issueAccessToken(this.state, findUser(this.state, user).id, 'simulator');
	}

	/** Every access token issued so far gets 401 from now on; refresh tokens keep working. */
	expireAccessTokens(): void {
		for (const grant of this.state.accessTokens.values()) grant.expiresAtMs = 0;
	}
}

export async function startServiceDeskPlusSimulator(
	options: StartOptions = {},
): Promise<ServiceDeskPlusSimulator> {
	const simulator = new ServiceDeskPlusSimulator(options);
	await simulator.listen(options.port);
	if (options.seed === 'demo') simulator.seedDemo();
	else if (options.seed !== undefined && options.seed !== 'empty') simulator.seed(options.seed);
	return simulator;
}
