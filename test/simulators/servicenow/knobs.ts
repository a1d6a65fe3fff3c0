/**
 * Switches for behaviour that ServiceNow documents as configurable, or that its documentation does
 * not settle. The defaults are ServiceNow's documented defaults where there is one, else the
 * stricter choice (the one that makes a careless flow fail in tests). README "Knobs" lists sources.
 */
export interface Knobs {
	/**
	 * System property glide.invalid_query.returns_no_rows (default false: an invalid query term, e.g.
	 * an unknown field, is dropped and the rest of the query runs, so MORE rows come back). true: no
	 * rows at all.
	 */
	invalidQueryReturnsNoRows: boolean;
	/** HTTP status of the "Operation Failed" answer to a write that breaks a unique index (UNCONFIRMED: 403). */
	uniqueViolationStatus: number;
	/** Password (2 Way Encrypted) fields: false (default) GET shows an encrypted value; true the clear text. */
	clearPasswordsOverApi: boolean;
	/** glide_date_time written in another format than `yyyy-MM-dd HH:mm:ss`: 'empty' (default) stores '', 'keep' stores it as sent. */
	invalidDateTime: 'empty' | 'keep';
	/** integer written as anything but an optionally signed whole number: 'empty' (default) stores '', 'keep' as sent. */
	invalidInteger: 'empty' | 'keep';
	/** A value outside an update-set choice list: 'ignore' (default) leaves the field unchanged, 'keep' stores it. */
	invalidChoice: 'ignore' | 'keep';
	/** Text longer than the field's max_length: 'truncate' (default) or 'keep'. */
	overlongStrings: 'truncate' | 'keep';
	/**
	 * Reading or writing a record through a parent table (`task/{sys_id}` for an incident): false
	 * (default) only the parent table's fields exist, as with a GlideRecord on the parent; true the
	 * record class's fields too.
	 */
	classFieldsThroughParent: boolean;
}

export const DEFAULT_KNOBS: Readonly<Knobs> = {
	invalidQueryReturnsNoRows: false,
	uniqueViolationStatus: 403,
	clearPasswordsOverApi: false,
	invalidDateTime: 'empty',
	invalidInteger: 'empty',
	invalidChoice: 'ignore',
	overlongStrings: 'truncate',
	classFieldsThroughParent: false,
};
