import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { KnownEntity, knownEntitiesFromCorpus, memoryLinker } from '../../src/draft/link';

/** A few known entities, written by the stancegraph team for tests (names as in the seed's registry). */
const KNOWN: KnownEntity[] = [
  {
    id: 'putin',
    kind: 'Person',
    name: 'Vladimir Putin',
    aliases: ['Putin'],
    documentAliases: ['Russian President Vladimir Putin', 'the Russian leader'],
    registered: true,
  },
  { id: 'trump', kind: 'Person', name: 'Donald Trump', aliases: ['Trump'], registered: true },
  { id: 'russia', kind: 'Country', name: 'Russia', aliases: [], registered: true },
  {
    id: 'energy-ceasefire',
    kind: 'Proposal',
    name: 'Energy infrastructure ceasefire',
    aliases: [],
    documentAliases: ['limited ceasefire'],
    registered: true,
  },
  { id: 'full-ceasefire', kind: 'Proposal', name: 'Full ceasefire', aliases: [], registered: true },
  {
    id: 'us-delegation',
    kind: 'Organization',
    name: 'US delegation',
    aliases: ['the US delegation'],
    registered: false,
  },
];

async function linked(names: string[], known = KNOWN): Promise<Record<string, string | null>> {
  const answers = await memoryLinker(known).link(names);
  return Object.fromEntries(names.map((n) => [n, answers.get(n)?.id ?? null]));
}

describe('memoryLinker', () => {
  it('links a name, an alias and a document alias to the one entity they name', async () => {
    expect(await linked(['the Russian leader', 'Putin', 'Vladimir Putin', 'putin'])).toEqual({
      'the Russian leader': 'putin',
      Putin: 'putin',
      'Vladimir Putin': 'putin',
      putin: 'putin',
    });
  });

  it('says how it matched, how sure the resolver is, and whether the entity is registered', async () => {
    const answers = await memoryLinker(KNOWN).link(['the Russian leader', 'US delegation', 'putin']);
    expect(answers.get('the Russian leader')).toEqual({
      id: 'putin',
      kind: 'Person',
      name: 'Vladimir Putin',
      score: 0.9,
      matchKind: 'DOCUMENT_ALIAS',
      registered: true,
    });
    expect(answers.get('US delegation')).toMatchObject({ matchKind: 'NAME', registered: false });
    expect(answers.get('putin')).toMatchObject({ matchKind: 'ID', score: 1 });
  });

  it('links a partial name with a clear winner, and nothing for an ambiguous or unknown one', async () => {
    expect(
      await linked(['full ceasefire', 'energy ceasefire', 'ceasefire', 'Olaf Scholz', '', '  ']),
    ).toEqual({
      'full ceasefire': 'full-ceasefire',
      'energy ceasefire': 'energy-ceasefire',
      ceasefire: null,
      'Olaf Scholz': null,
      '': null,
      '  ': null,
    });
  });

  it('answers every name asked, each as given, and knows nothing it was not given', async () => {
    const answers = await memoryLinker([]).link(['Putin', ' Putin ']);
    expect([...answers.keys()]).toEqual(['Putin', ' Putin ']);
    expect([...answers.values()]).toEqual([undefined, undefined]);
  });

  it('a spelling neighbour never links, however close', async () => {
    expect(await linked(['Vladimir Puttin', 'Russa'])).toEqual({ 'Vladimir Puttin': null, Russa: null });
  });
});

describe('knownEntitiesFromCorpus', () => {
  const SEED = path.join(REPO_ROOT, 'corpus');
  const MULTI = path.join(REPO_ROOT, 'tests', 'fixtures', 'corpus-multi');

  it('knows the registry and the documents’ own names for its entities', async () => {
    const known = knownEntitiesFromCorpus(SEED);
    const putin = known.find((e) => e.id === 'putin');
    expect(putin).toMatchObject({ name: 'Vladimir Putin', kind: 'Person', registered: true });
    expect(putin?.documentAliases).toContain('the Russian leader');
    expect(await linked(['the Russian leader'], known)).toEqual({ 'the Russian leader': 'putin' });
  });

  it('leaves an excluded document out: its own names for an entity are not known', async () => {
    const known = knownEntitiesFromCorpus(SEED, { exclude: ['trump-putin-call-energy-ceasefire'] });
    expect(known.every((e) => e.registered)).toBe(true);
    expect(await linked(['the Russian leader', 'Putin', 'US delegation'], known)).toEqual({
      'the Russian leader': null,
      Putin: 'putin',
      'US delegation': null,
    });
  });

  it('a local entity has the name of the earliest document declaring it and every document’s aliases', () => {
    const known = knownEntitiesFromCorpus(MULTI);
    expect(known.find((e) => e.id === 'harbour-workers-union')).toMatchObject({
      kind: 'Organization',
      name: 'Harbour Workers’ Union',
      aliases: ['The Harbour Workers’ Union'],
      registered: false,
    });
    const talks = known.find((e) => e.id === 'gulf-ferry-talks');
    expect(talks?.documentAliases).toEqual(['negotiations on the shared crossings', 'the talks']);
    const without = knownEntitiesFromCorpus(MULTI, { exclude: ['harbour-wire-talks-open'] });
    expect(without.find((e) => e.id === 'harbour-workers-union')).toBeUndefined();
  });
});
