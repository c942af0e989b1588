/** Detect Automatically: every real published event is read by its own phone system's module, and by no other. */
import { AUTO_SOURCE, CALL_SOURCES, locateEvent } from '../../../nodes/Actionstep/actions/phoneRecord/logCall/sources';
import { eventsOf, fixtureNames } from './realworld';

/** The module of each fixture, by its file name's prefix; undefined: no phone system's event. */
function expectedSource(name: string): string | undefined {
	const prefixes: Array<[string, string | undefined]> = [
		['rc-', 'ringcentral'],
		['twilio-', 'twilio'],
		['aircall-', 'aircall'],
		['zoom-', 'zoom'],
		['msgraph-teams-', 'teams'],
		['3cx-', 'threecx'],
		['actionstep-', undefined],
	];
	const hit = prefixes.find(([prefix]) => name.startsWith(prefix));
	if (!hit) throw new Error(`fixture ${name} has no expected source: add its prefix here`);
	return hit[1];
}

const cases = fixtureNames().flatMap((name) => eventsOf(name).map((event, index) => ({ name, index, event, expected: expectedSource(name) })));

test('the fixtures are there (35 events published by the phone systems, lists split into records)', () => {
	expect(fixtureNames().length).toBeGreaterThanOrEqual(35);
	for (const id of ['twilio', 'aircall', 'zoom', 'teams', 'threecx']) expect(cases.some((c) => c.expected === id)).toBe(true);
});

test.each(cases.map((c) => [`${c.name} #${c.index}`, c] as const))('Detect Automatically picks the right source: %s', (_label, c) => {
	const located = locateEvent(c.event, AUTO_SOURCE);
	expect('source' in located ? located.source.id : undefined).toBe(c.expected);
});

test.each(cases.map((c) => [`${c.name} #${c.index}`, c] as const))('no other phone system claims it: %s', (_label, c) => {
	// Generic is last and takes any {direction, timestamp}: it is what is left when no phone system claims an event.
	const others = CALL_SOURCES.filter((s) => s.id !== c.expected && s.id !== 'generic');
	const claimed = others.filter((s) => 'source' in locateEvent(c.event, s.id)).map((s) => s.id);
	expect(claimed).toEqual([]);
});

test('the registry keeps Generic last and every phone system before it', () => {
	expect(CALL_SOURCES.map((s) => s.id)).toEqual(['ringcentral', 'hostedsuite', 'twilio', 'aircall', 'zoom', 'teams', 'threecx', 'generic']);
});
