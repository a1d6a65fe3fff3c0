import type { SimState } from '../state';
import type { MissingPatch, PatchDevice } from '../types';

export type PatchDeviceSeed = Pick<PatchDevice, 'teamviewer_id'> & {
	activation_time?: string;
	patches?: Array<Partial<MissingPatch> & Pick<MissingPatch, 'product_name'>>;
};

/** A missing patch with every field of MissingPatchData; values left out get plain defaults. */
export function createMissingPatch(state: SimState, seed: Partial<MissingPatch> & Pick<MissingPatch, 'product_name'>): MissingPatch {
	return {
		patch_id: state.random.uuid(),
		patch_region_id: 0,
		severity: 0,
		bulletin_name: null,
		bulletin_url: null,
		bulletin_title: null,
		download_url: null,
		type: 1,
		kb: null,
		cve: [],
		release_date: null,
		patch_size: 0,
		patch_details: null,
		installable: true,
		is_service_pack: false,
		...seed,
	};
}

export function createPatchDevice(state: SimState, seed: PatchDeviceSeed, now: string): PatchDevice {
	return {
		teamviewer_id: seed.teamviewer_id,
		activation_time: seed.activation_time ?? now,
		patches: (seed.patches ?? []).map((patch) => createMissingPatch(state, patch)),
	};
}
