/**
 * Actionstep's official OpenAPI files (../shared/reference/openapi, read at test time), which schema
 * describes what for each resource, and the few places where the YAML contradicts itself or Actionstep's
 * documented behaviour (ERRATA, each a checked patch with its reason).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

import { SchemaChecker, type Direction, type OpenApiDoc, type Schema } from './schemaCheck';

/** shared/ sits beside the clone (in CI and in each worktree). */
export const OPENAPI_DIR = path.resolve(__dirname, '../../../shared/reference/openapi');

export interface ResourceContract {
	file: string;
	/** One record as served (also inside `linked`). */
	record: string;
	/** A collection answer: `{<resource>: [...], meta: {paging: ...}}`. */
	paged: string;
	/** POST body, without the `{"<resource>": ...}` wrapper unless `wrappedInYaml`. */
	create?: string;
	/** PUT body, likewise. */
	update?: string;
	/** The YAML's request schema already has the wrapper (actionparticipants). */
	wrappedInYaml?: boolean;
}

/** One line per resource: what the sandbox serves and the node sends is checked against these. */
export const CONTRACTS: Record<string, ResourceContract> = {
	phonerecords: { file: 'phonerecords.yml', record: 'PhoneRecord', paged: 'PagedPhoneRecords', create: 'CreatePhoneRecord', update: 'UpdatePhoneRecord' },
	timeentries: { file: 'timeentries.yml', record: 'TimeEntry', paged: 'PagedTimeEntries', create: 'CreateTimeEntry', update: 'UpdateTimeEntry' },
	participants: { file: 'participants.yml', record: 'Participant', paged: 'PagedParticipants', create: 'CreateParticipant', update: 'UpdateParticipant' },
	actions: { file: 'actions.yml', record: 'Action', paged: 'PagedActions', update: 'UpdateAction' },
	actiontypes: { file: 'actiontypes.yml', record: 'ActionType', paged: 'PagedActionTypes' },
	actionparticipants: { file: 'actionparticipants.yml', record: 'ActionParticipants', paged: 'PagedActionParticipants', create: 'CreateActionParticipants', wrappedInYaml: true },
	tasks: { file: 'tasks.yml', record: 'Task', paged: 'PagedTasks', create: 'CreateTask', update: 'UpdateTask' },
	filenotes: { file: 'filenotes.yml', record: 'FileNote', paged: 'PagedFileNotes', create: 'CreateFileNote', update: 'UpdateFileNote' },
	resthooks: { file: 'resthooks.yml', record: 'RESTHook', paged: 'PagedRESTHooks', create: 'CreateRESTHook', update: 'UpdateRESTHook' },
};

/** Collections the sandbox serves that have no official OpenAPI file, with why they are not checked. */
export const UNDESCRIBED: Record<string, string> = {
	users: 'Actionstep publishes no OpenAPI file for users (users/current is used only for the participant id)',
	participanttypes:
		'Actionstep publishes no OpenAPI file for participant types (participantdefaulttypes.yml describes the types a contact has by default, another resource); the sandbox serves only the names of the roles on a matter',
};

interface Erratum {
	file: string;
	why: string;
	apply(schemas: Record<string, Schema>): void;
}

function expectEqual(actual: unknown, expected: unknown, where: string): void {
	if (JSON.stringify(actual) !== JSON.stringify(expected)) {
		throw new Error(`Erratum for ${where} no longer matches the YAML (found ${JSON.stringify(actual)}); review ERRATA in test/contract/openapi.ts`);
	}
}

/** PUT is partial: the sandbox and every known client send only what changes. */
function updateIsPartial(file: string, schemaNames: string[], expectedRequired: string[][]): Erratum {
	return {
		file,
		why:
			'Update schemas copy the create schema\'s required list, which cannot hold for a partial PUT (notes §6 [I]; ' +
			'UpdatePhoneRecord and UpdateParticipant, written by the same authors, require nothing; notes §10 "some required lists are inconsistent")',
		apply(schemas) {
			schemaNames.forEach((name, i) => {
				expectEqual(schemas[name].required, expectedRequired[i], `${file} ${name}.required`);
				delete schemas[name].required;
			});
		},
	};
}

export const ERRATA: Erratum[] = [
	{
		file: 'timeentries.yml',
		why: 'CreateTimeEntry.required names createdBy and owner, which the same schema defines under links (WIKI-TE: links.createdBy, links.owner are required)',
		apply(schemas) {
			expectEqual(schemas.CreateTimeEntry.required, ['timestampDate', 'actualHours', 'createdBy', 'owner'], 'CreateTimeEntry.required');
			schemas.CreateTimeEntry.required = ['timestampDate', 'actualHours', 'links'];
			schemas.CreateTimeEntryLinks.required = ['createdBy', 'owner'];
		},
	},
	{
		file: 'participants.yml',
		why:
			'CreateParticipant.required names displayName, which WIKI-PART calls read-only (Actionstep composes it from the names); ' +
			'WIKI-PART requires isCompany instead, and first and last name for a person, which the node checks before sending (notes §7 "this conflicts with the wiki"; DBC createParticipant.ts sends no displayName)',
		apply(schemas) {
			expectEqual(schemas.CreateParticipant.required, ['displayName'], 'CreateParticipant.required');
			schemas.CreateParticipant.required = ['isCompany'];
		},
	},
	updateIsPartial('timeentries.yml', ['UpdateTimeEntry'], [['timestampDate', 'actualHours', 'createdBy', 'owner']]),
	updateIsPartial('tasks.yml', ['UpdateTask', 'UpdateTaskLinks'], [['name', 'status', 'dueTimestamp'], ['action', 'assignee']]),
	updateIsPartial('filenotes.yml', ['UpdateFileNote'], [['text']]),
	updateIsPartial('resthooks.yml', ['UpdateRESTHook'], [['eventName', 'targetUrl']]),
	{
		file: 'actiontypes.yml',
		why: 'PagedActionTypes and its PagingData key the records and paging under "actions", copied from actions.yml; action types come under "actiontypes" (DEMO iterates linked.actiontypes)',
		apply(schemas) {
			for (const name of ['PagedActionTypes', 'PagingData']) {
				const properties = schemas[name].properties!;
				expectEqual(Object.keys(properties)[0], 'actions', `${name}.properties`);
				schemas[name].properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k === 'actions' ? 'actiontypes' : k, v]));
			}
		},
	},
	{
		file: 'actions.yml',
		why: 'primaryParticipants and relatedActions are typed integer but are lists of ids (their YAML examples [56, 60] and [216]; DBC sample "primaryParticipants": ["75165"])',
		apply(schemas) {
			for (const name of ['primaryParticipants', 'relatedActions']) {
				const link = schemas.ActionsLinks.properties![name];
				expectEqual(link.type, 'integer', `ActionsLinks.${name}.type`);
				schemas.ActionsLinks.properties![name] = { type: 'array', items: { type: 'integer' } };
			}
		},
	},
];

const cache = new Map<string, OpenApiDoc>();

/** A YAML file with its errata applied. */
export function loadDoc(file: string): OpenApiDoc {
	let doc = cache.get(file);
	if (!doc) {
		doc = parse(readFileSync(path.join(OPENAPI_DIR, file), 'utf8')) as OpenApiDoc;
		for (const erratum of ERRATA) if (erratum.file === file) erratum.apply(doc.components.schemas);
		cache.set(file, doc);
	}
	return doc;
}

export function checkerFor(resource: string, direction: Direction): SchemaChecker {
	const contract = CONTRACTS[resource];
	if (!contract) throw new Error(`No OpenAPI contract for "${resource}": add a line to CONTRACTS in test/contract/openapi.ts`);
	return new SchemaChecker(loadDoc(contract.file), direction);
}
