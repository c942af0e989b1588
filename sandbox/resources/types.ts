/**
 * How a resource is described to the generic REST machinery (query, envelope, write parsing).
 * Each resource file fills one of these in and adds its own rules as hooks.
 */
import type { Store } from '../store';
import type { LinkValue, ResourceName, SandboxRules, NewRecord, StoredRecord } from '../types';

/** `tf` is Actionstep's "T"/"F" boolean; `date` a plain YYYY-MM-DD. */
export type FieldType = 'string' | 'number' | 'timestamp' | 'date' | 'tf';

export interface FieldDef {
	name: string;
	type: FieldType;
	/** Not in the default fieldset: returned only when named in `fields` (Actionstep's "additional" attributes). */
	additional?: boolean;
	/** Ignored when written (server-computed). */
	readOnly?: boolean;
	enum?: readonly string[];
}

export interface LinkDef {
	name: string;
	resource: ResourceName;
	/** An array of ids (e.g. actions.primaryParticipants). */
	many?: boolean;
	readOnly?: boolean;
}

export type Operation = 'list' | 'get' | 'create' | 'update' | 'delete';

export interface RuleContext {
	store: Store;
	rules: Required<SandboxRules>;
	/** Epoch ms; one value per request. */
	now: number;
	/** The sandbox user the access token belongs to. */
	userId: number;
	/** REST hooks may target non-loopback hosts (SandboxOptions.allowRemoteHookTargets). Default false. */
	allowRemoteHookTargets?: boolean;
}

/** A parsed, type-checked write body: only the keys the client sent. */
export interface WriteInput {
	attributes: Record<string, unknown>;
	links: Record<string, LinkValue>;
}

export interface ResourceDef {
	name: ResourceName;
	/** The OAuth scope that grants access (notes §1: resource names as scopes). */
	scope: string;
	operations: readonly Operation[];
	/** Attributes in response order (id is implicit and always first). */
	fields: readonly FieldDef[];
	links: readonly LinkDef[];
	/** Builds the stored record for a create from the parsed input; throws ApiError on a rule violation. */
	create?(input: WriteInput, ctx: RuleContext): NewRecord;
	/** Merges a PUT (partial) into the existing record; throws ApiError on a rule violation. */
	update?(existing: StoredRecord, input: WriteInput, ctx: RuleContext): StoredRecord;
	/** Throws ApiError when the record may not be deleted. */
	beforeDelete?(record: StoredRecord, ctx: RuleContext): void;
	/**
	 * Link names whose ids, joined by `--`, are the record's id on the wire (actionparticipants:
	 * `action--participantType--participant`). The store keeps a private numeric id; clients never see it.
	 */
	compositeId?: readonly string[];
	/** Named single-record paths such as users/current. */
	special?: Record<string, (ctx: RuleContext) => StoredRecord | undefined>;
}
